namespace AlwaysConnected.Routing.DialPlan;

/// <summary>What went wrong while looking for the end of an entry name.</summary>
internal enum EntryNameProblem
{
    /// <summary>The name is well formed.</summary>
    None,

    /// <summary>A ')' without a matching '(' or a '(' that is never closed.</summary>
    UnbalancedParentheses,

    /// <summary>A quote that is never closed.</summary>
    UnterminatedQuote,
}

/// <summary>
/// The result of scanning an entry for its name: where the separating '=' is (or -1) and, if the
/// scan failed, what and where the problem is.
/// </summary>
/// <param name="EqualsIndex">Index of the first '=' outside parentheses and quotes, or -1.</param>
/// <param name="Problem">The problem found, if any.</param>
/// <param name="ProblemIndex">Index of the offending character, or -1.</param>
internal readonly record struct EntryNameScan(int EqualsIndex, EntryNameProblem Problem, int ProblemIndex);
