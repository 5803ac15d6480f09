using AlwaysConnected.Routing.Redis.Connection;
using AlwaysConnected.Routing.Redis.Leases;
using AlwaysConnected.Routing.Services;
using StackExchange.Redis;

namespace AlwaysConnected.Routing.Redis.State;

/// <summary>
/// Session counters shared by the cluster: <c>$sessionnum</c> and <c>$route.concurrent</c> count the
/// live leases of every node, <c>$sps</c> and <c>$route.sps</c> the starts of every node during the last
/// second (a sliding window on Redis server time).
/// </summary>
/// <remarks>
/// Every session is also counted in this node's own <see cref="Local"/> counters. While Redis is away
/// the <see cref="RedisStateOptions.SessionsPolicy"/> applies: fail-open reads those local counts,
/// fail-closed reads every count as <see cref="int.MaxValue"/> (so <c>$route.underlimit</c> and
/// <c>$route.spslimit</c> are false). A read waits at most <see cref="RedisStateOptions.OperationTimeout"/>.
/// </remarks>
public sealed class RedisSessionCounters : ISessionCounters
{
    private const int LiveLeases = 0;
    private const int LastSecond = -1000;

    private readonly RedisStateConnection _connection;

    /// <summary>Creates the counters over a connection.</summary>
    /// <param name="connection">The shared connection.</param>
    /// <param name="timeProvider">The clock of the local counters; the system clock when null.</param>
    public RedisSessionCounters(RedisStateConnection connection, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        Local = RoutingServices.CreateInMemorySessionCounters(timeProvider);
    }

    /// <summary>This node's own sessions (what the fail-open policy reads while Redis is away).</summary>
    public ISessionCounters Local { get; }

    /// <inheritdoc />
    public int Concurrent => Read(_connection.Keys.TotalSessions, LiveLeases, Local.Concurrent);

    /// <inheritdoc />
    public int SessionsPerSecond => Read(_connection.Keys.TotalStarts, LastSecond, Local.SessionsPerSecond);

    /// <inheritdoc />
    public int GetConcurrent(ReadOnlySpan<char> routeName) =>
        Read(_connection.Keys.RouteSessions(routeName.ToString()), LiveLeases, Local.GetConcurrent(routeName));

    /// <inheritdoc />
    public int GetSessionsPerSecond(ReadOnlySpan<char> routeName) =>
        Read(_connection.Keys.RouteStarts(routeName.ToString()), LastSecond, Local.GetSessionsPerSecond(routeName));

    /// <inheritdoc />
    public IDisposable Start(string? routeName)
    {
        var local = Local.Start(routeName);
        var keys = _connection.Keys;
        var hasRoute = !string.IsNullOrEmpty(routeName);
        RedisKey[] leaseKeys = hasRoute ? [keys.TotalSessions, keys.RouteSessions(routeName!)] : [keys.TotalSessions];
        RedisKey[] scriptKeys = hasRoute
            ? [keys.TotalSessions, keys.RouteSessions(routeName!), keys.TotalStarts, keys.RouteStarts(routeName!)]
            : [keys.TotalSessions, keys.TotalStarts];
        var (sequence, id) = _connection.Leases.NextId();
        var lease = new RedisLease(_connection, sequence, id, leaseKeys, local);

        // Registered first: when Redis is away the lease is inserted there as soon as it is back.
        _connection.Leases.Add(lease);
        var arguments = new RedisValue[] { _connection.Leases.TimeToLiveMilliseconds, -1, id, leaseKeys.Length };
        if (!_connection.TryExecute((scriptKeys, arguments), static (db, s) => db.ScriptEvaluate(LeaseScripts.Acquire, s.scriptKeys, s.arguments), out _))
        {
            _connection.Fallback(RedisStateKind.SessionCounters, _connection.Options.SessionsPolicy);
        }

        return lease;
    }

    private int Read(RedisKey key, int offset, int localCount)
    {
        if (_connection.TryExecute((key, offset), static (db, s) => (long)db.ScriptEvaluate(LeaseScripts.Count, [s.key], [s.offset]), out var count))
        {
            return (int)Math.Min(count, int.MaxValue);
        }

        var policy = _connection.Options.SessionsPolicy;
        _connection.Fallback(RedisStateKind.SessionCounters, policy);
        return policy == RedisOutagePolicy.FailOpen ? localCount : int.MaxValue;
    }
}
