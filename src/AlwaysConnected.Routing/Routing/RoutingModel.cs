using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.DialPlan;

namespace AlwaysConnected.Routing;

/// <summary>
/// The whole rule model a router runs: the SIP server's dial plan and the PBX's ARS routes. The text
/// notation, JSON configuration and the fluent builder all produce this one model, so two rule sets
/// written through different front doors compare equal when they mean the same.
/// </summary>
/// <param name="DialPlan">The dial plan (Preliminary rules and Rules).</param>
/// <param name="Ars">The ARS routes.</param>
public sealed record RoutingModel(DialPlanDefinition DialPlan, ArsDefinition Ars)
{
    /// <summary>A model with no rules and no routes: every request is "no match".</summary>
    public static RoutingModel Empty { get; } = new(DialPlanDefinition.Empty, ArsDefinition.Empty);

    /// <summary>The dial plan.</summary>
    public DialPlanDefinition DialPlan { get; init; } = DialPlan ?? throw new ArgumentNullException(nameof(DialPlan));

    /// <summary>The ARS routes.</summary>
    public ArsDefinition Ars { get; init; } = Ars ?? throw new ArgumentNullException(nameof(Ars));
}
