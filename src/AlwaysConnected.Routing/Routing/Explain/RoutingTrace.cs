namespace AlwaysConnected.Routing;

/// <summary>
/// An explained evaluation of one rule stage: every candidate tried in order (dial plan rules, or ARS
/// pattern blocks), each condition it tested, and the candidate that decided. What
/// <see cref="SipRouter.Explain"/>, <see cref="SipRouter.ExplainIn"/> and <see cref="SipRouter.ExplainOut"/>
/// return; the same shape for both engines, so a tool prints either with one routine.
/// </summary>
/// <remarks>Built only when a caller asks for an explanation (it allocates); routing itself never records one.</remarks>
public sealed record RoutingTrace
{
    /// <summary>The stage evaluated: <see cref="RoutingStage.DialPlan"/>, <see cref="RoutingStage.ArsIn"/> or <see cref="RoutingStage.ArsOut"/>.</summary>
    public required RoutingStage Stage { get; init; }

    /// <summary>
    /// The candidates tried, in evaluation order, up to the one that decided: dial plan rules (a disabled rule is
    /// listed, not tested), or ARS blocks in selection order (blocks the number-prefix index ruled out are not listed).
    /// Each candidate's <see cref="RoutingTraceStep.Conditions"/> are the conditions it tested.
    /// </summary>
    public IReadOnlyList<RoutingTraceStep> Candidates { get; init; } = [];

    /// <summary>
    /// The candidate that decided, one of <see cref="Candidates"/>: the selected ARS block; for the dial plan, the last
    /// rule that matched (the rules that matched before it continued). Null when no candidate matched, or none was taken.
    /// </summary>
    public RoutingTraceStep? Selected { get; init; }

    /// <summary>
    /// Why nothing was evaluated: a response, an in-dialog request, a request refused by validation
    /// (<see cref="SipRouterOptions.ValidateRequests"/>). Null when the candidates were evaluated.
    /// </summary>
    public string? Skipped { get; init; }
}
