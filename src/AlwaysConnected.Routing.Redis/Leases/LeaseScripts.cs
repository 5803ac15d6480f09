namespace AlwaysConnected.Routing.Redis.Leases;

/// <summary>
/// The Lua scripts behind leases. A lease is a member of a sorted set scored by its expiry (Redis
/// server time, so nodes' clocks need not agree); a count is the number of members not yet expired,
/// so it can never be negative and a lease nobody renews disappears by itself.
/// </summary>
internal static class LeaseScripts
{
    private const string Now = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        """;

    /// <summary>
    /// KEYS: the lease sets (the first one limited), then the start windows. ARGV: time-to-live (ms),
    /// limit (-1 for none), lease id, number of lease sets. Returns 1 when acquired, 0 when the first
    /// set is at its limit. Atomic: two nodes cannot both take the last free session.
    /// </summary>
    public const string Acquire = Now + """

        local ttl = tonumber(ARGV[1])
        local limit = tonumber(ARGV[2])
        local id = ARGV[3]
        local leaseKeys = tonumber(ARGV[4])
        for i = 1, leaseKeys do
          redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now)
        end
        if limit >= 0 and redis.call('ZCARD', KEYS[1]) >= limit then
          return 0
        end
        for i = 1, leaseKeys do
          redis.call('ZADD', KEYS[i], now + ttl, id)
          redis.call('PEXPIRE', KEYS[i], ttl * 2)
        end
        for i = leaseKeys + 1, #KEYS do
          redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - 1000)
          redis.call('ZADD', KEYS[i], now, id)
          redis.call('PEXPIRE', KEYS[i], 2000)
        end
        return 1
        """;

    /// <summary>KEYS: the lease sets. ARGV: lease id. Removing an absent member does nothing, so a double release cannot undercount.</summary>
    public const string Release = """
        for i = 1, #KEYS do
          redis.call('ZREM', KEYS[i], ARGV[1])
        end
        return 1
        """;

    /// <summary>
    /// KEYS: the lease sets. ARGV: time-to-live (ms), lease id. Extends the lease, inserting it when Redis
    /// lacks it (taken while Redis was away, or lost with a restarted Redis).
    /// </summary>
    public const string Renew = Now + """

        local ttl = tonumber(ARGV[1])
        for i = 1, #KEYS do
          redis.call('ZADD', KEYS[i], now + ttl, ARGV[2])
          redis.call('PEXPIRE', KEYS[i], ttl * 2)
        end
        return 1
        """;

    /// <summary>KEYS[1]: a lease set or start window. ARGV[1]: offset from now (ms): 0 counts live leases, -1000 the starts of the last second.</summary>
    public const string Count = Now + """

        return redis.call('ZCOUNT', KEYS[1], '(' .. (now + tonumber(ARGV[1])), '+inf')
        """;
}
