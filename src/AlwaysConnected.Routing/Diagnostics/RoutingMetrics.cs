using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AlwaysConnected.Routing.Diagnostics;

/// <summary>
/// The router's metrics, on a <see cref="Meter"/> named <see cref="MeterName"/>: decisions by outcome
/// and stage, hits per rule, decision latency, reloads by result and ARS plug-in failures.
/// </summary>
/// <remarks>
/// Instruments check whether anyone listens before doing work, so an unobserved router pays a few
/// branches per request and allocates nothing.
/// </remarks>
internal sealed class RoutingMetrics : IDisposable
{
    /// <summary>The meter's name: the package's.</summary>
    public const string MeterName = "AlwaysConnected.Routing";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _decisions;
    private readonly Counter<long> _ruleHits;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _reloads;
    private readonly Counter<long> _pluginFailures;

    /// <summary>Creates the metrics on a meter from <paramref name="meterFactory"/>, or on a meter of its own when null.</summary>
    public RoutingMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _ownsMeter = meterFactory is null;
        _decisions = _meter.CreateCounter<long>("sip.routing.decisions", "{decision}", "Routing decisions by outcome and stage.");
        _ruleHits = _meter.CreateCounter<long>("sip.routing.rule.hits", "{hit}", "Requests a rule (or ARS route) applied to.");
        _latency = _meter.CreateHistogram<double>("sip.routing.decision.duration", "s", "Time to make one routing decision.");
        _reloads = _meter.CreateCounter<long>("sip.routing.reloads", "{reload}", "Rule reloads by result.");
        _pluginFailures = _meter.CreateCounter<long>("sip.routing.plugin.failures", "{failure}", "ARS plug-in calls that threw or timed out, by plug-in and kind.");
    }

    /// <summary>The meter the instruments are on (a listener tells this router's measurements apart by it).</summary>
    internal Meter Meter => _meter;

    internal bool TimingEnabled => _latency.Enabled;

    internal void RecordDecision(RoutingDecision decision, long startTimestamp)
    {
        if (_decisions.Enabled)
        {
            _decisions.Add(1, new KeyValuePair<string, object?>("outcome", OutcomeName(decision.Outcome)), new KeyValuePair<string, object?>("stage", StageName(decision.Stage)));
        }

        if (_ruleHits.Enabled)
        {
            foreach (var rule in decision.AppliedRules)
            {
                _ruleHits.Add(1, new KeyValuePair<string, object?>("rule", rule));
            }
        }

        if (startTimestamp != 0)
        {
            _latency.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds);
        }
    }

    internal void RecordReload(bool applied) =>
        _reloads.Add(1, new KeyValuePair<string, object?>("result", applied ? "applied" : "rejected"));

    internal void RecordPluginFailure(string plugin, Ars.Evaluation.ArsPluginFailureKind kind) =>
        _pluginFailures.Add(1, new KeyValuePair<string, object?>("plugin", plugin), new KeyValuePair<string, object?>("kind", kind == Ars.Evaluation.ArsPluginFailureKind.TimedOut ? "timed-out" : "threw"));

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    // Constant strings: tags must not allocate per decision.
    private static string OutcomeName(RoutingOutcome outcome) => outcome switch
    {
        RoutingOutcome.Forward => "forward",
        RoutingOutcome.Reject => "reject",
        RoutingOutcome.Block => "block",
        RoutingOutcome.Error => "error",
        _ => "no-match",
    };

    private static string StageName(RoutingStage stage) => stage switch
    {
        RoutingStage.DialPlan => "dialplan",
        RoutingStage.ArsIn => "ars-in",
        RoutingStage.ArsOut => "ars-out",
        RoutingStage.Validation => "validation",
        _ => "none",
    };
}
