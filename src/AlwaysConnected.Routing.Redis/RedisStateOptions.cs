namespace AlwaysConnected.Routing.Redis;

/// <summary>How the routing state is kept in Redis: where, under which keys, how long to wait and what to do when Redis is away.</summary>
public sealed class RedisStateOptions
{
    /// <summary>The StackExchange.Redis configuration string (e.g. <c>redis1:6379,redis2:6379,password=…</c>).</summary>
    public string ConnectionString { get; set; } = "localhost:6379";

    /// <summary>
    /// The cluster's key prefix: nodes with the same prefix share state, so give each cluster of SIP
    /// servers its own. Keys are <c>{prefix}:…</c>; the braces make them one Redis Cluster hash slot,
    /// which the multi-key scripts need. Letters, digits, <c>-</c>, <c>_</c> and <c>.</c>.
    /// </summary>
    public string KeyPrefix { get; set; } = "sip-routing";

    /// <summary>
    /// The longest a routing call waits for Redis (connect, command, script). Past it the call follows
    /// the state's outage policy and Redis counts as unreachable until a probe succeeds.
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often an unreachable Redis is probed; the first successful probe restores shared state.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a session lease lives without renewal. The node holding it renews it every third of this
    /// while the call lives, so a node that stops loses its leases after at most this long.
    /// </summary>
    public TimeSpan LeaseTimeToLive { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The lifetime of a block list entry added without one; null keeps it until removed.</summary>
    public TimeSpan? BlockListEntryLifetime { get; set; }

    /// <summary>Which kinds of state are kept in Redis (all by default).</summary>
    public RedisSharedState SharedState { get; set; } = RedisSharedState.All;

    /// <summary>The outage policy of ARS Max Sessions leases and the session counters.</summary>
    public RedisOutagePolicy SessionsPolicy { get; set; } = RedisOutagePolicy.FailOpen;

    /// <summary>The outage policy of the block list.</summary>
    public RedisOutagePolicy BlockListPolicy { get; set; } = RedisOutagePolicy.FailOpen;

    /// <summary>The outage policy of registrar and alias lookups.</summary>
    public RedisOutagePolicy DirectoryPolicy { get; set; } = RedisOutagePolicy.FailOpen;
}
