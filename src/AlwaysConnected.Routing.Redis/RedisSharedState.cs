namespace AlwaysConnected.Routing.Redis;

/// <summary>The kinds of routing state kept in Redis; the others stay in this process.</summary>
[Flags]
public enum RedisSharedState
{
    /// <summary>Nothing is shared.</summary>
    None = 0,

    /// <summary>ARS Max Sessions leases and each block's failure and recovery marks.</summary>
    ArsBlocks = 1,

    /// <summary>Session counters: <c>$sessionnum</c>, <c>$sps</c>, <c>$route.concurrent</c>, <c>$route.sps</c>.</summary>
    SessionCounters = 2,

    /// <summary>The block list <c>$action = block</c> adds to.</summary>
    BlockList = 4,

    /// <summary>Registrar lookups (<c>$registered</c>, <c>$regUri</c>, <c>To = sip:user@</c>).</summary>
    Registrar = 8,

    /// <summary>Alias lookups (<c>$alias.lookup</c>).</summary>
    Aliases = 16,

    /// <summary>Every kind.</summary>
    All = ArsBlocks | SessionCounters | BlockList | Registrar | Aliases,
}
