using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace AlwaysConnected.Routing.Patterns;

/// <summary>
/// The fallback for patterns outside the specialised shapes: a .NET <see cref="Regex"/>, either
/// NonBacktracking (linear time) or, for back-references and look-arounds, backtracking with a timeout.
/// </summary>
/// <remarks>
/// The UTF-8 value is transcoded into a stack buffer (or a pooled array when long) and matched with the
/// span APIs, which allocate nothing. Invalid UTF-8 becomes U+FFFD, one per maximal invalid subsequence.
/// Capture extraction needs a <see cref="Match"/>, so it allocates; it runs only for the rule that fires.
/// <para>
/// For a NonBacktracking pattern, groups are taken in two steps. First the allocation-free linear
/// match decides whether there is a match at all: most values do not match, and they cost neither a
/// string nor a capture pass. Then the backtracking engine, with a short time budget, extracts the
/// groups: on input known to match it usually succeeds on its first path, in time linear in the
/// match, where NonBacktracking's own capture pass is an NFA simulation that can be milliseconds on
/// a 10 KB value. Should the budget run out, NonBacktracking's capture pass gives the answer.
/// </para>
/// </remarks>
internal sealed class RegexPattern : CompiledPattern
{
    private const int StackBufferChars = 256;

    /// <summary>The backtracking capture step's budget before NonBacktracking's capture pass takes over.</summary>
    private static readonly TimeSpan CaptureBudget = TimeSpan.FromMilliseconds(1);

    private readonly Regex _regex;
    private readonly Lazy<Regex>? _captureRegex;

    public RegexPattern(string source, bool negated, PatternOptions options, Regex regex, int groupCount, bool backtracking)
        : base(source, negated, groupCount, backtracking ? PatternEngine.RegexBacktracking : PatternEngine.RegexNonBacktracking, options, null)
    {
        _regex = regex;
        if (!backtracking && groupCount > 0)
        {
            // Every pattern NonBacktracking accepts, the backtracking engine accepts with the same meaning.
            _captureRegex = new Lazy<Regex>(() => new Regex(regex.ToString(), (regex.Options & ~RegexOptions.NonBacktracking) | RegexOptions.Compiled, CaptureBudget));
        }
    }

    private protected override MatchOutcome MatchCore(ReadOnlySpan<byte> value)
    {
        char[]? rented = null;
        var buffer = value.Length <= StackBufferChars
            ? stackalloc char[StackBufferChars]
            : (rented = ArrayPool<char>.Shared.Rent(value.Length));
        try
        {
            var length = Encoding.UTF8.GetChars(value, buffer);
            return _regex.IsMatch(buffer[..length]) ? MatchOutcome.Match : MatchOutcome.NoMatch;
        }
        catch (RegexMatchTimeoutException)
        {
            ReportTimeout();
            return MatchOutcome.TimedOut;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private protected override MatchOutcome MatchWithCapturesCore(ReadOnlySpan<byte> value, Span<CaptureRange> captures)
    {
        if (_captureRegex is not null && MatchCore(value) != MatchOutcome.Match)
        {
            return MatchOutcome.NoMatch;
        }

        if (Ascii.IsValid(value))
        {
            // One byte per char: offsets need no mapping.
            return MatchAscii(Encoding.Latin1.GetString(value), captures);
        }

        // charToByte[i] is the byte offset where char i starts; one extra entry for the end.
        var charToByte = ArrayPool<int>.Shared.Rent(value.Length + 1);
        try
        {
            var text = Decode(value, charToByte);
            var match = FindMatch(text);
            if (!match.Success)
            {
                return MatchOutcome.NoMatch;
            }

            for (var g = 1; g <= captures.Length; g++)
            {
                var group = match.Groups[g];
                if (!group.Success)
                {
                    captures[g - 1] = CaptureRange.NotMatched;
                    continue;
                }

                var start = charToByte[group.Index];
                captures[g - 1] = new CaptureRange(start, charToByte[group.Index + group.Length] - start);
            }

            return MatchOutcome.Match;
        }
        catch (RegexMatchTimeoutException)
        {
            ReportTimeout();
            return MatchOutcome.TimedOut;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(charToByte);
        }
    }

    private MatchOutcome MatchAscii(string text, Span<CaptureRange> captures)
    {
        try
        {
            var match = FindMatch(text);
            if (!match.Success)
            {
                return MatchOutcome.NoMatch;
            }

            for (var g = 1; g <= captures.Length; g++)
            {
                var group = match.Groups[g];
                captures[g - 1] = group.Success ? new CaptureRange(group.Index, group.Length) : CaptureRange.NotMatched;
            }

            return MatchOutcome.Match;
        }
        catch (RegexMatchTimeoutException)
        {
            ReportTimeout();
            return MatchOutcome.TimedOut;
        }
    }

    /// <summary>The match with its groups: see the remarks on the class for the two engines' roles.</summary>
    private Match FindMatch(string text)
    {
        if (_captureRegex is null)
        {
            return _regex.Match(text);
        }

        try
        {
            var match = _captureRegex.Value.Match(text);
            if (match.Success)
            {
                return match;
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Over budget: the linear engine's capture pass is slower on friendly input but bounded.
        }

        return _regex.Match(text);
    }

    /// <summary>Decodes like <see cref="Encoding.UTF8"/> does, recording where each char came from.</summary>
    private static string Decode(ReadOnlySpan<byte> value, int[] charToByte)
    {
        var sb = new StringBuilder(value.Length);
        var offset = 0;
        Span<char> pair = stackalloc char[2];
        while (offset < value.Length)
        {
            Rune.DecodeFromUtf8(value[offset..], out var rune, out var consumed);
            var written = rune.EncodeToUtf16(pair);
            for (var k = 0; k < written; k++)
            {
                // .NET may split a surrogate pair (`.` matches one UTF-16 char); a byte offset cannot
                // split the code point, so a boundary at the low surrogate moves past the whole sequence.
                charToByte[sb.Length] = k == 0 ? offset : offset + consumed;
                sb.Append(pair[k]);
            }

            offset += consumed;
        }

        charToByte[sb.Length] = value.Length;
        return sb.ToString();
    }

    private protected override string DescribeCore() =>
        Engine == PatternEngine.RegexBacktracking
            ? $"RegexBacktracking (timeout {Options.BacktrackingTimeout.TotalMilliseconds} ms): `{_regex}`"
            : $"RegexNonBacktracking: `{_regex}`";
}
