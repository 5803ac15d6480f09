namespace AlwaysConnected.Routing.DialPlan.Explain;

/// <summary>How one matching line fared: the value it tested and whether it held.</summary>
/// <param name="Line">The line as written, <c>NAME = PATTERN</c>.</param>
/// <param name="Value">The value tested; null when the header was absent or the function returned null.</param>
/// <param name="Matched">Whether the line held (negation applied).</param>
public sealed record LineTrace(string Line, string? Value, bool Matched);
