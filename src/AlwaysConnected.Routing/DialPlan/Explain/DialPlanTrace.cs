namespace AlwaysConnected.Routing.DialPlan.Explain;

/// <summary>An explained dial plan evaluation: every rule tried, every line's value and result.</summary>
/// <param name="Rules">The rules in evaluation order, up to the one that decided.</param>
/// <param name="Skipped">Why the request was not evaluated at all (a response, an in-dialog request), or null.</param>
public sealed record DialPlanTrace(IReadOnlyList<RuleTrace> Rules, string? Skipped);
