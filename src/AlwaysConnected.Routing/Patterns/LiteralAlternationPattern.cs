using System.Text;

namespace AlwaysConnected.Routing.Patterns;

/// <summary>
/// An alternation of literals such as <c>^(INVITE|MESSAGE)</c> or <c>friendly-scanner|sipcli</c>.
/// Follows regex priority: the leftmost position wins, and at that position the first listed branch.
/// </summary>
internal sealed class LiteralAlternationPattern : CompiledPattern
{
    private readonly byte[][] _alternatives;
    private readonly bool _anchorStart;
    private readonly bool _anchorEnd;
    private readonly int _minLength;

    public LiteralAlternationPattern(string source, bool negated, PatternOptions options, byte[][] alternatives, bool anchorStart, bool anchorEnd, bool captured)
        : base(source, negated, captured ? 1 : 0, PatternEngine.LiteralAlternation, options, anchorStart ? CommonPrefix(alternatives) : null)
    {
        _alternatives = alternatives;
        _anchorStart = anchorStart;
        _anchorEnd = anchorEnd;
        _minLength = alternatives.Min(static a => a.Length);
    }

    private static byte[] CommonPrefix(byte[][] alternatives)
    {
        ReadOnlySpan<byte> prefix = alternatives[0];
        foreach (var a in alternatives)
        {
            prefix = prefix[..prefix.CommonPrefixLength(a)];
        }

        return prefix.ToArray();
    }

    private protected override MatchOutcome MatchCore(ReadOnlySpan<byte> value) =>
        Find(value, out _, out _) ? MatchOutcome.Match : MatchOutcome.NoMatch;

    private protected override MatchOutcome MatchWithCapturesCore(ReadOnlySpan<byte> value, Span<CaptureRange> captures)
    {
        if (!Find(value, out var start, out var length))
        {
            return MatchOutcome.NoMatch;
        }

        if (captures.Length > 0)
        {
            captures[0] = new CaptureRange(start, length);
        }

        return MatchOutcome.Match;
    }

    private bool Find(ReadOnlySpan<byte> value, out int start, out int length)
    {
        var lastStart = _anchorStart ? 0 : value.Length - _minLength;
        for (var s = 0; s <= lastStart; s++)
        {
            var rest = value[s..];
            foreach (var alternative in _alternatives)
            {
                if (rest.StartsWith(alternative) && (!_anchorEnd || alternative.Length == rest.Length))
                {
                    start = s;
                    length = alternative.Length;
                    return true;
                }
            }
        }

        start = length = 0;
        return false;
    }

    private protected override string DescribeCore()
    {
        var list = string.Join(" | ", _alternatives.Select(static a => "`" + Encoding.UTF8.GetString(a) + "`"));
        var where = (_anchorStart, _anchorEnd) switch
        {
            (true, true) => "value equals one of",
            (true, false) => "value starts with one of",
            (false, true) => "value ends with one of",
            _ => "value contains one of",
        };
        return $"LiteralAlternation: {where} {list}" + (InnerGroupCount > 0 ? " (captured as group 1)" : string.Empty);
    }
}
