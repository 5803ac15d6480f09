using System.Text;
using AlwaysConnected.Routing.DialPlan.Explain;

namespace AlwaysConnected.Routing.DialPlan.Evaluation;

/// <summary>Collects an explain trace. Only created when a caller asks for an explanation: it allocates freely.</summary>
internal sealed class DialPlanTraceRecorder
{
    private readonly List<RuleTrace> _rules = [];
    private List<LineTrace> _lines = [];

    public string? Skipped { get; set; }

    public void BeginRule() => _lines = [];

    public void Line(string text, ReadOnlySpan<byte> value, bool isNull, bool matched) =>
        _lines.Add(new LineTrace(text, isNull ? null : Encoding.UTF8.GetString(value), matched));

    public void EndRule(string name, bool isPreliminary, bool disabled, bool matched, IReadOnlyList<string?> captures) =>
        _rules.Add(new RuleTrace(name, isPreliminary, disabled, matched, _lines, captures));

    public DialPlanTrace Build() => new(_rules, Skipped);
}
