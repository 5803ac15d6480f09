namespace AlwaysConnected.Routing.Patterns;

/// <summary>A pattern that matches every value: empty, <c>.*</c>, <c>^</c>, <c>^.*</c>, <c>.*$</c>, <c>$</c>.</summary>
internal sealed class AlwaysPattern(string source, bool negated, PatternOptions options)
    : CompiledPattern(source, negated, 0, PatternEngine.Always, options, null)
{
    private protected override MatchOutcome MatchCore(ReadOnlySpan<byte> value) => MatchOutcome.Match;

    private protected override MatchOutcome MatchWithCapturesCore(ReadOnlySpan<byte> value, Span<CaptureRange> captures) => MatchOutcome.Match;

    private protected override string DescribeCore() => "Always: matches every value";
}
