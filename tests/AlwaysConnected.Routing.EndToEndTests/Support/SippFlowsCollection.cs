namespace AlwaysConnected.Routing.EndToEndTests.Support;

/// <summary>
/// The tests that drive calls with sipp and time them (retransmission timers, a 200 calls/s load) run one at a
/// time, not beside each other: on a small CI machine two call flows at once can starve each other's timers.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SippFlowsCollection
{
    public const string Name = "sipp call flows";
}
