namespace AlwaysConnected.Routing.Patterns;

/// <summary>
/// Settings that decide how a pattern is compiled and how the backtracking regex engine is bounded; built from
/// <see cref="SipRouterOptions"/>, one set for both engines.
/// </summary>
internal sealed record PatternOptions
{
    /// <summary>The shared default options (50 ms backtracking timeout, backtracking allowed).</summary>
    public static PatternOptions Default { get; } = new();

    /// <summary>
    /// The longest a single match attempt may run on the backtracking engine (patterns with
    /// back-references, look-arounds or atomic groups). A timed-out attempt counts as "no match".
    /// Default 50 ms. Must be positive.
    /// </summary>
    public TimeSpan BacktrackingTimeout { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Whether patterns that need the backtracking engine are accepted. When <see langword="false"/>
    /// such patterns fail to compile with an error diagnostic. Default <see langword="true"/>.
    /// </summary>
    public bool AllowBacktracking { get; init; } = true;

    // Called (on the matching thread) each time a backtracking match attempt times out, after the
    // pattern's TimeoutCount has been incremented. Must not throw.
    internal Action<CompiledPattern>? TimeoutObserver { get; init; }

    /// <summary>Longest accepted pattern source, in chars; longer patterns are rejected. Default 4096.</summary>
    public int MaxPatternLength { get; init; } = 4096;
}
