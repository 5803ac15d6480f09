namespace AlwaysConnected.Routing.Fuzz;

/// <summary>
/// One fuzz target: the code under test plus the properties it must keep for any input. A broken property
/// throws <see cref="FuzzInvariantException"/>; any exception is a finding.
/// </summary>
/// <param name="Name">The name used on the command line and for the corpus folder.</param>
/// <param name="SeedKinds">Which seed files start its corpus.</param>
/// <param name="Run">Runs one input.</param>
internal sealed record FuzzTarget(string Name, SeedKind SeedKinds, FuzzAction Run);

/// <summary>Runs one input through a target.</summary>
internal delegate void FuzzAction(ReadOnlySpan<byte> input);
