using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Cli.Explain;

namespace AlwaysConnected.Routing.Cli.Ars;

/// <summary>
/// The ARS IN → OUT part of <c>explain</c>. The ARS engine is not part of this build yet, so a request
/// that reaches ARS ends in an <c>error</c> outcome saying so; this class is the only place that
/// changes when the engine lands (run IN on <paramref name="request"/>, then OUT unless the IN
/// destination is local, carrying <paramref name="properties"/> from one to the other).
/// </summary>
internal static class ArsStage
{
    public const string UnavailableCode = "ars-unavailable";

    public const string UnavailableMessage = "ARS evaluation not available in this build";

    /// <summary>Runs ARS on the request the previous stage produced.</summary>
    /// <param name="ars">The ARS routes.</param>
    /// <param name="request">The request as ARS IN receives it (the dial plan's output, or the original).</param>
    /// <param name="context">Where it came from.</param>
    /// <param name="properties">The per-call properties (from <c>--property</c>), updated by ARS.</param>
    /// <param name="previous">What the dial plan decided, when it ran first; its rules are kept in the result.</param>
    public static ExplainResult Run(ArsDefinition ars, byte[] request, in RoutingContext context, CallProperties properties, ExplainResult? previous)
    {
        ArgumentNullException.ThrowIfNull(ars);
        ArgumentNullException.ThrowIfNull(request);
        _ = context;
        // What the dial plan decided stays visible (its rules, target, rewritten request): ARS would start from it.
        return (previous ?? new ExplainResult { Outcome = "no-match" }) with
        {
            Outcome = "error",
            Stage = "ars-in",
            Properties = [.. properties.ToDictionary()],
            Error = new ExplainError(UnavailableCode, UnavailableMessage),
        };
    }
}
