using System.Buffers;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Cli.Explain;
using AlwaysConnected.Routing.DialPlan;
using AlwaysConnected.Routing.Services;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Cli.Ars;

/// <summary>
/// The ARS IN → OUT part of <c>explain</c>: IN runs on the request as the PBX core receives it; when
/// the callee is not one of the PBX's own users (a <c>--registered</c> user), OUT runs on the request
/// as IN left it, with the per-call properties IN set.
/// </summary>
internal static class ArsStage
{
    /// <summary>Runs ARS on the request the previous stage produced.</summary>
    /// <param name="ars">The ARS routes.</param>
    /// <param name="options">The router options the rules came with (pattern settings, the ARS clock).</param>
    /// <param name="request">The request as ARS IN receives it (the dial plan's output, or the original).</param>
    /// <param name="context">Where it came from, with the per-call properties.</param>
    /// <param name="properties">The per-call properties (from <c>--property</c>), updated by ARS.</param>
    /// <param name="previous">What the dial plan decided, when it ran first; its rules are kept in the result.</param>
    /// <param name="services">The host services (clock, registrar: a registered callee is local).</param>
    public static ExplainResult Run(ArsDefinition ars, SipRouterOptions options, byte[] request, in RoutingContext context, CallProperties properties, ExplainResult? previous, RoutingServices services)
    {
        ArgumentNullException.ThrowIfNull(ars);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(services);
        var before = previous ?? new ExplainResult { Outcome = "no-match" };
        SipRouter compiled;
        try
        {
            // The PBX core's router: ARS only (the dial plan ran at the SIP server, before).
            compiled = new SipRouter(new RoutingModel(DialPlanDefinition.Empty, ars), options, services);
        }
        catch (RoutingConfigurationException e)
        {
            var text = string.Join("\n", e.Diagnostics.Where(d => d.Severity == RoutingDiagnosticSeverity.Error));
            return before with { Outcome = "error", Stage = "ars-in", Error = new ExplainError("rules", text) };
        }

        var index = new SipMessageIndex();
        if (SipParser.TryParseDatagram(request, index, out var atPbx) != OperationStatus.Done)
        {
            return before with { Outcome = "error", Stage = "ars-in", Error = new ExplainError(index.Error.Code.ToString(), index.Error.GetDescription(), index.Error.Offset) };
        }

        // The PBX core's router validates what it receives before ARS IN, as the SIP server's does.
        if (DecisionReport.TryRefuse(atPbx, before, RoutingStage.ArsIn, out var refused))
        {
            return refused;
        }

        var decision = new RoutingDecision();
        var inTrace = compiled.ExplainIn(atPbx, context, decision);
        var inResult = DecisionReport.Build(atPbx, decision, properties, out var afterIn);
        var rules = before.Rules.Concat(decision.AppliedRules).ToList();
        if (decision.Outcome is RoutingOutcome.Error or RoutingOutcome.Reject or RoutingOutcome.Block)
        {
            return Merge(before, inResult, "ars-in", rules, inTrace, [inTrace]);
        }

        afterIn ??= request;
        if (IsLocalCallee(atPbx, services))
        {
            return Merge(before, inResult, "ars-in", rules, inTrace, [inTrace]);
        }

        var outIndex = new SipMessageIndex();
        SipParser.TryParseDatagram(afterIn, outIndex, out var outgoing);
        var outDecision = new RoutingDecision();
        var outTrace = compiled.ExplainOut(outgoing, context, outDecision);
        var outResult = DecisionReport.Build(outgoing, outDecision, properties, out _);
        rules.AddRange(outDecision.AppliedRules);

        // The headers ARS changed, from the request the PBX core received to the one that leaves.
        if (outResult.Message is not null)
        {
            var finalIndex = new SipMessageIndex();
            SipParser.TryParseDatagram(System.Text.Encoding.UTF8.GetBytes(outResult.Message), finalIndex, out var final);
            outResult = outResult with { Headers = HeaderChanges.Compare(atPbx, final) };
        }

        // When no OUT block takes the call, nothing decided where it goes: the outcome is no-match,
        // with what IN did (rules, properties, captures) still shown.
        var outDecided = outDecision.Outcome != RoutingOutcome.NoMatch;
        return Merge(before, outResult, outDecided ? "ars-out" : null, rules, outDecided ? outTrace : inTrace, [inTrace, outTrace]);
    }

    /// <summary>A callee is the PBX's own when its Request-URI user is registered.</summary>
    private static bool IsLocalCallee(SipMessage request, RoutingServices services)
    {
        if (!SipUri.TryParse(request.RequestUri, out var uri) || uri.User.IsEmpty)
        {
            return false;
        }

        return services.Registrar.GetContact(System.Text.Encoding.UTF8.GetString(uri.User)) is not null;
    }

    /// <summary>The stage's result with what ran before it: the dial plan's rules and traces, the load warnings.</summary>
    /// <param name="deciding">The trace whose selected block's references are the result's captures.</param>
    /// <param name="ran">The ARS stages that ran, in order.</param>
    private static ExplainResult Merge(ExplainResult before, ExplainResult stage, string? stageName, List<string> rules, RoutingTrace deciding, RoutingTrace[] ran)
    {
        // The selected block's references, named without their '&' (t1, p1) as the JSON has them.
        var captures = (deciding.Selected?.Captures ?? [])
            .Select(c => new KeyValuePair<string, string>(c.Key.TrimStart('&'), c.Value ?? "(none)"))
            .ToList();
        return stage with
        {
            Stage = stageName,
            Rules = rules,
            Captures = captures,
            Warnings = before.Warnings,
            Traces = [.. before.Traces, .. ran],
        };
    }
}
