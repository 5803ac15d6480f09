namespace AlwaysConnected.Routing.Patterns;

/// <summary>The matcher a pattern was compiled to; reported by load-time diagnostics.</summary>
internal enum PatternEngine
{
    /// <summary>The pattern matches every value (empty pattern, <c>.*</c>, <c>^</c>).</summary>
    Always,

    /// <summary>A literal found anywhere in the value (byte search).</summary>
    Literal,

    /// <summary><c>^literal</c>: the value starts with the literal.</summary>
    Prefix,

    /// <summary><c>literal$</c>: the value ends with the literal.</summary>
    Suffix,

    /// <summary><c>^literal$</c>: the value equals the literal.</summary>
    Exact,

    /// <summary>An alternation of literals, e.g. <c>^(INVITE|MESSAGE)</c>.</summary>
    LiteralAlternation,

    /// <summary>
    /// A sequence of literals and ASCII classes with at most one variable-length run, optionally
    /// captured, e.g. <c>sip:(.+)@</c>, <c>sip:([0-9]{10,20})@</c>, <c>^9(.*)</c>, <c>^1[23]:</c>.
    /// </summary>
    Sequence,

    /// <summary>.NET <c>Regex</c> with <c>RegexOptions.NonBacktracking</c> (linear time).</summary>
    RegexNonBacktracking,

    /// <summary>.NET backtracking <c>Regex</c> bounded by <see cref="PatternOptions.BacktrackingTimeout"/>.</summary>
    RegexBacktracking,
}
