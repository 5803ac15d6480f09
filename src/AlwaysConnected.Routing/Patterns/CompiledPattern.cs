using System.Diagnostics.CodeAnalysis;

namespace AlwaysConnected.Routing.Patterns;

/// <summary>
/// A pattern compiled once at load time and matched against UTF-8 header values with find
/// semantics (an unanchored search; <c>^</c> and <c>$</c> anchor when written). Instances are
/// immutable and safe to use from many threads at once.
/// </summary>
internal abstract class CompiledPattern
{
    private readonly byte[] _anchoredLiteralPrefix;
    private readonly int _innerGroupCount;
    private long _timeouts;

    private protected CompiledPattern(string source, bool negated, int groupCount, PatternEngine engine, PatternOptions options, byte[]? anchoredLiteralPrefix)
    {
        Source = source;
        IsNegated = negated;
        _innerGroupCount = groupCount;
        Engine = engine;
        Options = options;
        _anchoredLiteralPrefix = anchoredLiteralPrefix ?? [];
    }

    /// <summary>The pattern as written, including a leading <c>!</c>.</summary>
    public string Source { get; }

    /// <summary>Whether the pattern starts with <c>!</c> (the line holds when the regex does not match).</summary>
    public bool IsNegated { get; }

    /// <summary>Number of capture groups the caller numbers; 0 for a negated pattern (it captures nothing).</summary>
    public int GroupCount => IsNegated ? 0 : _innerGroupCount;

    /// <summary>The matcher the pattern was compiled to.</summary>
    public PatternEngine Engine { get; }

    /// <summary>The options the pattern was compiled with.</summary>
    public PatternOptions Options { get; }

    /// <summary>How many match attempts of this pattern timed out (backtracking engine only).</summary>
    public long TimeoutCount => Interlocked.Read(ref _timeouts);

    /// <summary>
    /// Bytes every matching value starts with when the pattern begins with <c>^literal</c>; empty when
    /// unknown or when the pattern is negated. A rule index may skip the pattern for values without it.
    /// </summary>
    public ReadOnlySpan<byte> AnchoredLiteralPrefix => IsNegated ? default : _anchoredLiteralPrefix;

    /// <summary>
    /// Whether the pattern matches exactly one value, <see cref="AnchoredLiteralPrefix"/> (<c>^literal$</c>, not negated).
    /// </summary>
    public bool IsExactLiteral => !IsNegated && Engine == PatternEngine.Exact;

    /// <summary>Compiles a pattern written in the vendor's (Java) regex dialect.</summary>
    /// <param name="pattern">The pattern text; a leading <c>!</c> negates it.</param>
    /// <param name="options">Compilation options; <see cref="PatternOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The compiled pattern.</returns>
    /// <exception cref="PatternSyntaxException">The pattern is invalid or uses a construct that is not supported.</exception>
    public static CompiledPattern Compile(string pattern, PatternOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return PatternCompiler.Compile(pattern, options ?? PatternOptions.Default);
    }

    /// <summary>Compiles a pattern, reporting a syntax problem instead of throwing it.</summary>
    /// <param name="pattern">The pattern text; a leading <c>!</c> negates it.</param>
    /// <param name="options">Compilation options; <see cref="PatternOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="compiled">The compiled pattern on success.</param>
    /// <param name="error">What is wrong and where, on failure.</param>
    /// <returns>Whether the pattern compiled.</returns>
    public static bool TryCompile(
        string pattern,
        PatternOptions? options,
        [NotNullWhen(true)] out CompiledPattern? compiled,
        [NotNullWhen(false)] out PatternSyntaxException? error)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        try
        {
            compiled = PatternCompiler.Compile(pattern, options ?? PatternOptions.Default);
            error = null;
            return true;
        }
        catch (PatternSyntaxException e)
        {
            compiled = null;
            error = e;
            return false;
        }
    }

    /// <summary>
    /// Whether the line holds for <paramref name="value"/>: the regex is found in it (or, when negated,
    /// is not). Never allocates; a timed-out attempt yields <see langword="false"/>.
    /// </summary>
    /// <param name="value">The UTF-8 value; invalid UTF-8 is tolerated.</param>
    /// <returns>Whether the (possibly negated) pattern holds.</returns>
    public bool IsMatch(ReadOnlySpan<byte> value) => MatchCore(value) switch
    {
        MatchOutcome.Match => !IsNegated,
        MatchOutcome.NoMatch => IsNegated,
        _ => false,
    };

    /// <summary>
    /// Like <see cref="IsMatch"/>, and when the line holds and is not negated, writes the first
    /// <see cref="GroupCount"/> entries of <paramref name="captures"/> (group 1 at index 0) as byte
    /// offsets into <paramref name="value"/>. Groups that did not take part are <see cref="CaptureRange.NotMatched"/>.
    /// </summary>
    /// <param name="value">The UTF-8 value; invalid UTF-8 is tolerated.</param>
    /// <param name="captures">Receives the group ranges; must hold at least <see cref="GroupCount"/> entries.</param>
    /// <returns>Whether the (possibly negated) pattern holds.</returns>
    /// <exception cref="ArgumentException"><paramref name="captures"/> is shorter than <see cref="GroupCount"/>.</exception>
    public bool TryMatch(ReadOnlySpan<byte> value, Span<CaptureRange> captures)
    {
        if (captures.Length < GroupCount)
        {
            throw new ArgumentException($"The pattern `{Source}` has {GroupCount} groups but only {captures.Length} capture slots were given.", nameof(captures));
        }

        if (IsNegated)
        {
            return IsMatch(value);
        }

        return MatchWithCapturesCore(value, captures[.._innerGroupCount]) == MatchOutcome.Match;
    }

    /// <summary>A human-readable account of the engine and how the pattern is matched, for load-time diagnostics.</summary>
    /// <returns>The description.</returns>
    public string Describe() => (IsNegated ? "NOT " : string.Empty) + DescribeCore();

    /// <inheritdoc/>
    public override string ToString() => Source;

    internal int InnerGroupCount => _innerGroupCount;

    private protected abstract MatchOutcome MatchCore(ReadOnlySpan<byte> value);

    /// <summary>Finds the match and fills exactly <see cref="InnerGroupCount"/> capture slots.</summary>
    private protected abstract MatchOutcome MatchWithCapturesCore(ReadOnlySpan<byte> value, Span<CaptureRange> captures);

    private protected abstract string DescribeCore();

    private protected void ReportTimeout()
    {
        Interlocked.Increment(ref _timeouts);
        try
        {
            Options.TimeoutObserver?.Invoke(this);
        }
#pragma warning disable CA1031 // An observer failure must never turn a routing decision into an exception.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
