namespace AlwaysConnected.Routing.Ars.Explain;

/// <summary>How one matching field of a block fared during an explained evaluation.</summary>
/// <param name="Field">The field: <c>To</c>, <c>From</c> or <c>Plugin N (name param)</c>.</param>
/// <param name="Pattern">The pattern tested (for a plug-in, its Return pattern); null when it has none.</param>
/// <param name="Value">The value tested (a plug-in's result); null when the header was absent or the plug-in returned null.</param>
/// <param name="Matched">Whether the condition held.</param>
/// <param name="Error">Why a plug-in failed (threw or timed out), or null.</param>
public sealed record ArsFieldTrace(string Field, string? Pattern, string? Value, bool Matched, string? Error = null);
