using AlwaysConnected.Routing.DialPlan.Compilation;
using AlwaysConnected.Routing.DialPlan.Evaluation;
using AlwaysConnected.Routing.DialPlan.Evaluation.Index;
using AlwaysConnected.Routing;
using AlwaysConnected.Routing.Services;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.DialPlan;

/// <summary>
/// A dial plan compiled for evaluation: immutable and safe to share between threads. Build one with
/// <see cref="DialPlanCompiler"/>.
/// </summary>
internal sealed class CompiledDialPlan
{
    internal CompiledDialPlan(DialPlanDefinition definition, CompiledRule[] rules, DialPlanOptions options, long version, IReadOnlyList<RoutingDiagnostic> diagnostics)
    {
        Definition = definition;
        Rules = rules;
        Options = options;
        Version = version;
        Diagnostics = diagnostics;
        MaxGroups = Math.Max(1, rules.Length == 0 ? 1 : rules.Max(r => r.GroupCount));
        Index = RuleIndexBuilder.Build(rules);
    }

    /// <summary>The rules this plan was compiled from.</summary>
    public DialPlanDefinition Definition { get; }

    /// <summary>The snapshot version its decisions carry.</summary>
    public long Version { get; }

    /// <summary>Notes and warnings from compilation (which engine each pattern got, rule-set hints).</summary>
    public IReadOnlyList<RoutingDiagnostic> Diagnostics { get; }

    internal CompiledRule[] Rules { get; }

    internal DialPlanOptions Options { get; }

    internal int MaxGroups { get; }

    /// <summary>Which rules can match a request, found from the literal prefixes their lines require.</summary>
    internal DialPlanRuleIndex Index { get; }

    /// <summary>
    /// Evaluates the plan for one request and fills <paramref name="decision"/>. Never throws for a
    /// request the parser accepted; allocates nothing once the decision's buffers have grown.
    /// </summary>
    /// <param name="message">The parsed request.</param>
    /// <param name="context">Where it came from.</param>
    /// <param name="services">The host services the rules may consult.</param>
    /// <param name="decision">The decision to fill (reset first).</param>
    public void Evaluate(SipMessage message, in RoutingContext context, RoutingServices services, RoutingDecision decision)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(decision);
        DialPlanEvaluator.Evaluate(this, message, context, services, decision, trace: null);
    }

    /// <summary>Evaluates every enabled rule in order without consulting the index: the reference the index is tested against.</summary>
    internal void EvaluateWithoutIndex(SipMessage message, in RoutingContext context, RoutingServices services, RoutingDecision decision) =>
        DialPlanEvaluator.Evaluate(this, message, context, services, decision, trace: null, useIndex: false);

    /// <summary>
    /// Evaluates the plan like <see cref="Evaluate"/> and also records every rule tried, each line's
    /// value and result. For tools and tests: it allocates.
    /// </summary>
    public RoutingTrace Explain(SipMessage message, in RoutingContext context, RoutingServices services, RoutingDecision decision)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(decision);
        var recorder = new DialPlanTraceRecorder();
        DialPlanEvaluator.Evaluate(this, message, context, services, decision, recorder);
        return recorder.Build();
    }
}
