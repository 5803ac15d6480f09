namespace AlwaysConnected.Routing.Ars.Explain;

/// <summary>An explained ARS evaluation: every block tried, in selection order.</summary>
/// <param name="Direction">IN or OUT.</param>
/// <param name="Blocks">The blocks tried (the index leaves out blocks whose number prefix the request lacks).</param>
/// <param name="Selected">The selected block, e.g. <c>route-2 OUT 1</c>, or null.</param>
/// <param name="Skipped">Why nothing was evaluated (a response), or null.</param>
public sealed record ArsTrace(ArsDirection Direction, IReadOnlyList<ArsBlockTrace> Blocks, string? Selected, string? Skipped);
