using System.Globalization;
using System.Text;

namespace AlwaysConnected.Routing.DialPlan.Evaluation;

/// <summary>Collects an explain trace. Only created when a caller asks for an explanation: it allocates freely.</summary>
internal sealed class DialPlanTraceRecorder
{
    private readonly List<RoutingTraceStep> _rules = [];
    private List<RoutingTraceStep> _lines = [];

    public string? Skipped { get; set; }

    public void BeginRule() => _lines = [];

    public void Line(string text, string pattern, ReadOnlySpan<byte> value, bool isNull, bool matched) =>
        _lines.Add(new RoutingTraceStep { Name = text, Pattern = pattern, Value = isNull ? null : Encoding.UTF8.GetString(value), Matched = matched });

    public void EndRule(string name, bool isPreliminary, bool disabled, bool matched, IReadOnlyList<string?> captures) =>
        _rules.Add(new RoutingTraceStep
        {
            Name = name,
            IsPreliminary = isPreliminary,
            Disabled = disabled,
            Matched = matched,
            Conditions = _lines,
            Captures = [.. captures.Select((value, g) => new KeyValuePair<string, string?>(string.Create(CultureInfo.InvariantCulture, $"%{g + 1}"), value))],
        });

    /// <summary>The trace; the rule that decided is the last one that matched (earlier matches continued to it).</summary>
    public RoutingTrace Build() => new()
    {
        Stage = RoutingStage.DialPlan,
        Candidates = _rules,
        Selected = _rules.LastOrDefault(r => r.Matched),
        Skipped = Skipped,
    };
}
