using System.Text;
using AlwaysConnected.Routing.Ars.Compilation;

namespace AlwaysConnected.Routing.Ars.Explain;

/// <summary>Collects an explain trace. Created only when a caller asks for an explanation: it allocates freely.</summary>
internal sealed class ArsTraceRecorder
{
    private readonly List<ArsBlockTrace> _blocks = [];
    private List<ArsFieldTrace> _fields = [];

    public string? Skipped { get; set; }

    public void BeginBlock() => _fields = [];

    public void Field(string field, string? pattern, ReadOnlySpan<byte> value, bool isNull, bool matched, string? error = null) =>
        _fields.Add(new ArsFieldTrace(field, pattern, isNull ? null : Encoding.UTF8.GetString(value), matched, error));

    public void EndBlock(CompiledBlock block, bool matched, string? passedOver, IReadOnlyList<string> captures) =>
        _blocks.Add(new ArsBlockTrace(block.RouteName, block.Number, block.Priority, matched, passedOver, _fields, captures));

    public ArsTrace Build(ArsDirection direction, string? selected) => new(direction, _blocks, selected, Skipped);
}
