namespace AlwaysConnected.Routing;

/// <summary>
/// One node of a <see cref="RoutingTrace"/>: a candidate (a dial plan rule, an ARS pattern block) with the
/// conditions it tested in <see cref="Conditions"/>, or one of those conditions (a dial plan matching line, an
/// ARS block's <c>To</c> or <c>From</c> field, a plug-in slot). Members that do not apply to a node are null,
/// false or empty, as each one says.
/// </summary>
public sealed record RoutingTraceStep
{
    /// <summary>
    /// What was tried, as the rules name it. A candidate: the dial plan rule's name, or the ARS block's label
    /// <c>ROUTE IN|OUT NUMBER</c> (<c>route-2 OUT 1</c>), the names <see cref="RoutingDecision.AppliedRules"/> lists.
    /// A condition: the matching line as written (<c>To = ^sip:1</c>), or the ARS field (<c>To</c>, <c>From</c>,
    /// <c>Plugin 1 (name param)</c>).
    /// </summary>
    public required string Name { get; init; }

    /// <summary>Whether it held: every condition of a candidate held, or this condition held (negation applied).</summary>
    public bool Matched { get; init; }

    /// <summary>The pattern a condition tested (a plug-in slot's Return pattern; with its leading <c>!</c> when negated); null for a candidate or a slot without one.</summary>
    public string? Pattern { get; init; }

    /// <summary>The value a condition tested (a plug-in's result); null when the header was absent, a function or plug-in returned null, and for a candidate.</summary>
    public string? Value { get; init; }

    /// <summary>
    /// Why the outcome is not the patterns' alone, or null: why a matching ARS block was passed over
    /// (<c>at Max Sessions</c>, <c>in recovery after a failure</c>), or why a plug-in gave no result (it threw or timed out).
    /// </summary>
    public string? Note { get; init; }

    /// <summary>Whether the candidate is disabled in the rules: it was passed without testing a condition (<see cref="Matched"/> is false).</summary>
    public bool Disabled { get; init; }

    /// <summary>Whether the candidate is a dial plan rule of the Preliminary list (they run before the Rules list).</summary>
    public bool IsPreliminary { get; init; }

    /// <summary>The route an ARS block belongs to; null for a dial plan rule and for a condition.</summary>
    public string? Route { get; init; }

    /// <summary>An ARS block's number within its route and direction; null for a dial plan rule and for a condition.</summary>
    public int? Number { get; init; }

    /// <summary>An ARS block's priority (lower is tried first); null for a dial plan rule and for a condition.</summary>
    public int? Priority { get; init; }

    /// <summary>
    /// What a matched candidate captured, in group order, for the deploy lines to use: a dial plan rule's
    /// <c>%1</c>, <c>%2</c>, ...; an ARS block's references <c>&amp;t1</c>.. (To), <c>&amp;f1</c>.. (From),
    /// <c>&amp;p1</c>.. (plug-in results). The value is null for a group that did not take part. Empty for a
    /// candidate that did not match and for a condition.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Captures { get; init; } = [];

    /// <summary>
    /// A candidate's conditions, in the order tested; the test stops at the first that fails, so the last one
    /// listed failed when the candidate did not match. Empty for a condition, and for a candidate tested on
    /// nothing it lists (a disabled rule, a block without fields).
    /// </summary>
    public IReadOnlyList<RoutingTraceStep> Conditions { get; init; } = [];
}
