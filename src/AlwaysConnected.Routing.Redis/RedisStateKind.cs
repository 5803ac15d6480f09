namespace AlwaysConnected.Routing.Redis;

/// <summary>A kind of shared state, as named in logs and metrics.</summary>
internal enum RedisStateKind
{
    ArsBlocks,
    SessionCounters,
    BlockList,
    Registrar,
    Aliases,
}
