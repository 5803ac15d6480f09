namespace AlwaysConnected.Routing.DialPlan.Explain;

/// <summary>How one rule fared during an explained evaluation.</summary>
/// <param name="Name">The rule's name.</param>
/// <param name="IsPreliminary">Whether it is a Preliminary rule.</param>
/// <param name="Disabled">Whether it was skipped as disabled.</param>
/// <param name="Matched">Whether every matching line held (its deploy lines were applied).</param>
/// <param name="Lines">The matching lines tried, in order; evaluation stops at the first that fails.</param>
/// <param name="Captures">The capture groups <c>%1</c>.. when the rule matched (null for a group that did not take part).</param>
public sealed record RuleTrace(string Name, bool IsPreliminary, bool Disabled, bool Matched, IReadOnlyList<LineTrace> Lines, IReadOnlyList<string?> Captures);
