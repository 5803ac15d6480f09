using System.Text;

namespace AlwaysConnected.Routing.Patterns;

/// <summary>
/// Fixed-width elements (literals, ASCII classes) around at most one variable-length run, with capture
/// groups over element ranges: <c>sip:(.+)@</c>, <c>sip:([0-9]{10,20})@</c>, <c>^9(.*)</c>, <c>^1[23]:</c>.
/// </summary>
/// <remarks>
/// The result equals a backtracking regex's: the leftmost start wins and the run takes the longest
/// length that lets the rest match. Linear in practice: after a failed start whose run stopped on a
/// non-member (not on its maximum), every start whose run would begin inside that run fails the same
/// way, so the search resumes past it. Runs bounded by a maximum are capped at 256.
/// </remarks>
internal sealed class SequencePattern : CompiledPattern
{
    private readonly ShapeItem[] _prefix;
    private readonly ShapeItem? _run;
    private readonly ShapeItem[] _suffix;
    private readonly int[] _prefixOffsets;
    private readonly int[] _suffixOffsets;
    private readonly int _prefixWidth;
    private readonly int _suffixWidth;
    private readonly bool _anchorStart;
    private readonly bool _anchorEnd;
    private readonly bool _suffixCannotStartInRun;
    private readonly GroupSpan[] _groups;

    // The vendor's favourite shape, `sip:(.+)@`: literal, unbounded `.` run, literal, unanchored.
    private readonly byte[]? _head;
    private readonly byte[]? _tail;

    private SequencePattern(string source, bool negated, PatternOptions options, ParsedShape shape, ShapeItem[] items, int runIndex, byte[]? prefixLiteral)
        : base(source, negated, shape.Groups.Count, PatternEngine.Sequence, options, prefixLiteral)
    {
        _anchorStart = shape.AnchorStart;
        _anchorEnd = shape.AnchorEnd;
        _groups = [.. shape.Groups];
        if (runIndex < 0)
        {
            _prefix = items;
            _suffix = [];
        }
        else
        {
            _prefix = items[..runIndex];
            _run = items[runIndex];
            _suffix = items[(runIndex + 1)..];
        }

        _prefixOffsets = Offsets(_prefix, out _prefixWidth);
        _suffixOffsets = Offsets(_suffix, out _suffixWidth);
        _suffixCannotStartInRun = _run is not null && _suffix.Length > 0 && !_run.Class!.Overlaps(_suffix[0].FirstByteClass());
        if (!_anchorStart && !_anchorEnd && _run is not null && ReferenceEquals(_run.Class, ByteClass.Dot) && _run.Max == ShapeItem.Unbounded
            && _prefix is [{ IsLiteral: true }] && _suffix is [{ IsLiteral: true }])
        {
            _head = _prefix[0].Literal;
            _tail = _suffix[0].Literal;
        }
    }

    /// <summary>Builds the matcher when the shape fits (at most one variable run, other elements fixed-width).</summary>
    public static SequencePattern? TryCreate(string source, bool negated, PatternOptions options, ParsedShape shape, ShapeItem[] items)
    {
        var runIndex = -1;
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            if (item.IsFixedWidth)
            {
                continue;
            }

            if (runIndex >= 0)
            {
                return null;
            }

            var bounded = item.Max != ShapeItem.Unbounded;
            if (item.Class!.IncludesNonAscii ? item.Min > 1 || bounded : bounded && item.Max > 256)
            {
                // Counting multi-byte chars, or long bounded runs, is left to the regex engine.
                return null;
            }

            runIndex = i;
        }

        byte[]? prefixLiteral = null;
        if (shape.AnchorStart && items.Length > 0 && items[0].IsLiteral)
        {
            prefixLiteral = items[0].Literal;
        }

        return new SequencePattern(source, negated, options, shape, items, runIndex, prefixLiteral);
    }

    private static int[] Offsets(ShapeItem[] items, out int width)
    {
        var offsets = new int[items.Length + 1];
        for (var i = 0; i < items.Length; i++)
        {
            offsets[i + 1] = offsets[i] + items[i].Width;
        }

        width = offsets[^1];
        return offsets;
    }

    private protected override MatchOutcome MatchCore(ReadOnlySpan<byte> value) =>
        Find(value, out _, out _) ? MatchOutcome.Match : MatchOutcome.NoMatch;

    private protected override MatchOutcome MatchWithCapturesCore(ReadOnlySpan<byte> value, Span<CaptureRange> captures)
    {
        if (!Find(value, out var start, out var runEnd))
        {
            return MatchOutcome.NoMatch;
        }

        foreach (var group in _groups)
        {
            var from = Boundary(group.FirstItem, start, runEnd);
            var to = Boundary(group.EndItem, start, runEnd);
            captures[group.Number - 1] = new CaptureRange(from, to - from);
        }

        return MatchOutcome.Match;
    }

    /// <summary>Byte offset where element <paramref name="item"/> starts (or where the last one ends).</summary>
    private int Boundary(int item, int start, int runEnd)
    {
        if (item <= _prefix.Length)
        {
            return start + _prefixOffsets[item];
        }

        return runEnd + _suffixOffsets[item - _prefix.Length - 1];
    }

    private bool Find(ReadOnlySpan<byte> value, out int start, out int runEnd)
    {
        if (_head is not null && FindBetweenLiterals(value, out start, out runEnd, out var decided))
        {
            return decided;
        }

        return FindGeneral(value, out start, out runEnd);
    }

    /// <summary>
    /// <c>HEAD(.+)TAIL</c> without anchors, in three vectorised searches. The first HEAD is the
    /// leftmost start; with no line feed after it the run can reach every later TAIL, so the last
    /// TAIL (far enough for the run's minimum) ends the longest run, and when there is none no later
    /// HEAD can have one either. A line feed after HEAD (never in a header value) is left to the
    /// general search.
    /// </summary>
    /// <returns>Whether this path decided; <paramref name="matched"/> is the decision.</returns>
    private bool FindBetweenLiterals(ReadOnlySpan<byte> value, out int start, out int runEnd, out bool matched)
    {
        start = runEnd = 0;
        matched = false;
        var s = value.IndexOf(_head);
        if (s < 0)
        {
            return true;
        }

        var p = s + _head!.Length;
        if (value[p..].Contains((byte)'\n'))
        {
            return false;
        }

        var lowest = p + _run!.Min;
        if (lowest > value.Length)
        {
            return true;
        }

        var last = value[lowest..].LastIndexOf(_tail);
        if (last < 0)
        {
            return true;
        }

        start = s;
        runEnd = lowest + last;
        matched = true;
        return true;
    }

    private bool FindGeneral(ReadOnlySpan<byte> value, out int start, out int runEnd)
    {
        var n = value.Length;
        var minTotal = _prefixWidth + (_run?.Min ?? 0) + _suffixWidth;
        var s = 0;
        if (_run is null && _anchorEnd)
        {
            s = n - _prefixWidth;
            if (s < 0 || (_anchorStart && s != 0))
            {
                start = runEnd = 0;
                return false;
            }
        }

        var firstLiteral = !_anchorStart && _prefix.Length > 0 && _prefix[0].IsLiteral ? _prefix[0].Literal : null;
        while (s + minTotal <= n)
        {
            if (firstLiteral is not null)
            {
                var next = value[s..].IndexOf(firstLiteral);
                if (next < 0)
                {
                    break;
                }

                s += next;
                if (s + minTotal > n)
                {
                    break;
                }
            }

            if (MatchFixed(_prefix, _prefixOffsets, value, s))
            {
                var p = s + _prefixWidth;
                if (_run is null)
                {
                    if (!_anchorEnd || p == n)
                    {
                        start = s;
                        runEnd = p;
                        return true;
                    }
                }
                else
                {
                    var limit = _run.Max == ShapeItem.Unbounded ? n - p : Math.Min(_run.Max, n - p);
                    var r = ReferenceEquals(_run.Class, ByteClass.Dot)
                        ? value.Slice(p, limit).IndexOf((byte)'\n')
                        : value.Slice(p, limit).IndexOfAnyExcept(_run.Class!.Members);
                    if (r < 0)
                    {
                        r = limit;
                    }

                    if (r >= _run.Min && TryEnd(value, p, r, out var e))
                    {
                        start = s;
                        runEnd = e;
                        return true;
                    }

                    if (r != _run.Max)
                    {
                        // Every start whose run begins inside [p, p + r] fails the same way.
                        s = Math.Max(s + 1, p + r + 1 - _prefixWidth);
                        if (_anchorStart)
                        {
                            break;
                        }

                        continue;
                    }
                }
            }

            if (_anchorStart)
            {
                break;
            }

            s++;
        }

        start = runEnd = 0;
        return false;
    }

    /// <summary>The longest run length in <c>[Min, r]</c> after which the suffix (and end anchor) match.</summary>
    private bool TryEnd(ReadOnlySpan<byte> value, int p, int r, out int end)
    {
        var n = value.Length;
        if (_anchorEnd)
        {
            end = n - _suffixWidth;
            return end >= p + _run!.Min && end <= p + r && MatchFixed(_suffix, _suffixOffsets, value, end);
        }

        if (_suffix.Length == 0)
        {
            end = p + r;
            return true;
        }

        if (_suffixCannotStartInRun)
        {
            end = p + r;
            return MatchFixed(_suffix, _suffixOffsets, value, end);
        }

        var lowest = p + _run!.Min;
        end = Math.Min(p + r, n - _suffixWidth);
        if (_suffix[0].Literal is { } head)
        {
            // Jump between occurrences of the suffix's leading literal instead of trying every end.
            while (end >= lowest)
            {
                var found = value[lowest..Math.Min(n, end + head.Length)].LastIndexOf(head);
                if (found < 0)
                {
                    return false;
                }

                end = lowest + found;
                if (MatchFixed(_suffix, _suffixOffsets, value, end))
                {
                    return true;
                }

                end--;
            }

            return false;
        }

        for (; end >= lowest; end--)
        {
            if (MatchFixed(_suffix, _suffixOffsets, value, end))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MatchFixed(ShapeItem[] items, int[] offsets, ReadOnlySpan<byte> value, int pos)
    {
        if (pos < 0 || pos + offsets[^1] > value.Length)
        {
            return false;
        }

        for (var i = 0; i < items.Length; i++)
        {
            if (!items[i].MatchesAt(value, pos + offsets[i]))
            {
                return false;
            }
        }

        return true;
    }

    private protected override string DescribeCore()
    {
        var sb = new StringBuilder("Sequence: ");
        if (_anchorStart)
        {
            sb.Append("start, ");
        }

        var all = _run is null ? _prefix : [.. _prefix, _run, .. _suffix];
        for (var i = 0; i < all.Length; i++)
        {
            foreach (var g in _groups)
            {
                if (g.FirstItem == i)
                {
                    sb.Append("group ").Append(g.Number).Append(" { ");
                }
            }

            sb.Append(all[i].Describe()).Append(' ');
            foreach (var g in _groups)
            {
                if (g.EndItem == i + 1)
                {
                    sb.Append("} ");
                }
            }
        }

        if (_anchorEnd)
        {
            sb.Append(", end");
        }

        return sb.ToString().TrimEnd();
    }
}
