using System.Text;
using AlwaysConnected.Routing.Ars.Compilation;
using AlwaysConnected.Routing.Ars.Evaluation;

namespace AlwaysConnected.Routing.Ars.Explain;

/// <summary>Collects an explain trace. Created only when a caller asks for an explanation: it allocates freely.</summary>
internal sealed class ArsTraceRecorder
{
    private readonly List<RoutingTraceStep> _blocks = [];
    private List<RoutingTraceStep> _fields = [];

    public string? Skipped { get; set; }

    public void BeginBlock() => _fields = [];

    public void Field(string field, string? pattern, ReadOnlySpan<byte> value, bool isNull, bool matched, string? error = null) =>
        _fields.Add(new RoutingTraceStep { Name = field, Pattern = pattern, Value = isNull ? null : Encoding.UTF8.GetString(value), Matched = matched, Note = error });

    public void EndBlock(CompiledBlock block, bool matched, string? passedOver, IReadOnlyList<KeyValuePair<string, string?>> captures) =>
        _blocks.Add(new RoutingTraceStep
        {
            Name = block.Label,
            Route = block.RouteName,
            Number = block.Number,
            Priority = block.Priority,
            Matched = matched,
            Note = passedOver,
            Conditions = _fields,
            Captures = captures,
        });

    /// <summary>The trace; <paramref name="selected"/> is the block the evaluation selected, or null.</summary>
    public RoutingTrace Build(ArsDirection direction, CompiledBlock? selected) => new()
    {
        Stage = ArsEvaluator.StageOf(direction),
        Candidates = _blocks,

        // Labels are unique within a direction; the selected block is the last one recorded as such.
        Selected = selected is null ? null : _blocks.FindLast(b => b.Name == selected.Label),
        Skipped = Skipped,
    };
}
