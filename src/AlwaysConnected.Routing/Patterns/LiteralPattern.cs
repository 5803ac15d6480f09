using System.Text;

namespace AlwaysConnected.Routing.Patterns;

/// <summary>A literal without groups: found anywhere, as a prefix, as a suffix, or as the whole value.</summary>
internal sealed class LiteralPattern : CompiledPattern
{
    private readonly byte[] _literal;
    private readonly LiteralPosition _position;

    public LiteralPattern(string source, bool negated, PatternOptions options, byte[] literal, LiteralPosition position)
        : base(source, negated, 0, EngineFor(position), options, position is LiteralPosition.Start or LiteralPosition.Whole ? literal : null)
    {
        _literal = literal;
        _position = position;
    }

    private static PatternEngine EngineFor(LiteralPosition position) => position switch
    {
        LiteralPosition.Start => PatternEngine.Prefix,
        LiteralPosition.End => PatternEngine.Suffix,
        LiteralPosition.Whole => PatternEngine.Exact,
        _ => PatternEngine.Literal,
    };

    private protected override MatchOutcome MatchCore(ReadOnlySpan<byte> value)
    {
        var found = _position switch
        {
            LiteralPosition.Start => value.StartsWith(_literal),
            LiteralPosition.End => value.EndsWith(_literal),
            LiteralPosition.Whole => value.SequenceEqual(_literal),
            _ => value.IndexOf(_literal) >= 0,
        };
        return found ? MatchOutcome.Match : MatchOutcome.NoMatch;
    }

    private protected override MatchOutcome MatchWithCapturesCore(ReadOnlySpan<byte> value, Span<CaptureRange> captures) => MatchCore(value);

    private protected override string DescribeCore()
    {
        var text = Encoding.UTF8.GetString(_literal);
        return _position switch
        {
            LiteralPosition.Start => $"Prefix: value starts with `{text}`",
            LiteralPosition.End => $"Suffix: value ends with `{text}`",
            LiteralPosition.Whole => $"Exact: value equals `{text}`",
            _ => $"Literal: value contains `{text}`",
        };
    }
}
