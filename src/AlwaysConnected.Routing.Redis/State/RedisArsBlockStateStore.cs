using System.Collections.Concurrent;
using System.Globalization;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Ars.State;
using AlwaysConnected.Routing.Redis.Connection;
using AlwaysConnected.Routing.Redis.Leases;
using StackExchange.Redis;

namespace AlwaysConnected.Routing.Redis.State;

/// <summary>
/// ARS blocks' sessions and failures shared by the cluster. Each session is a lease in the block's Redis
/// sorted set, taken by a Lua script that checks Max Sessions and adds the lease atomically, renewed by
/// this node while the call lives and gone after <see cref="RedisStateOptions.LeaseTimeToLive"/> when the
/// node stops. A block's failure is published to every node, which passes it over for the same time.
/// </summary>
/// <remarks>
/// While Redis is away the <see cref="RedisStateOptions.SessionsPolicy"/> applies to sessions: fail-open
/// checks Max Sessions against this node's own sessions (the cluster may then hold up to the limit per
/// node), fail-closed takes no new session (the block reads as full and the call goes to the next
/// candidate). Failure marks stay on the node that saw the failure. Sessions taken during the outage are
/// inserted in Redis when it is back.
/// </remarks>
public sealed class RedisArsBlockStateStore : IArsBlockStateStore, IDisposable
{
    private readonly RedisStateConnection _connection;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<ArsBlockKey, BlockLeases> _blocks = new();
    private readonly RedisChannel _channel;
    private Action<ArsBlockKey, DateTimeOffset>? _applyFailure;
    private int _subscribed;

    /// <summary>Creates the store over a connection.</summary>
    /// <param name="connection">The shared connection.</param>
    /// <param name="timeProvider">The clock recovery times are measured on; the system clock when null.</param>
    public RedisArsBlockStateStore(RedisStateConnection connection, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _time = timeProvider ?? TimeProvider.System;
        _channel = RedisChannel.Literal(connection.Keys.FailureChannel);
        connection.Recovered += Subscribe;
    }

    /// <summary>The sessions in progress through a block on every node (-1 while Redis is away).</summary>
    /// <param name="block">The block.</param>
    /// <returns>The count of live leases, never negative when Redis answers.</returns>
    public int GetActiveSessions(in ArsBlockKey block) =>
        _connection.TryExecute(_connection.Keys.BlockLeases(BlockId(block)), static (db, key) => (long)db.ScriptEvaluate(LeaseScripts.Count, [key], [0]), out var count)
            ? (int)count
            : -1;

    /// <inheritdoc />
    public bool TryAcquire(in ArsBlockKey block, int maxSessions)
    {
        var leases = _blocks.GetOrAdd(block, static (key, keys) => new BlockLeases(keys.BlockLeases(BlockId(key))), _connection.Keys);
        var (sequence, id) = _connection.Leases.NextId();
        var lease = new RedisLease(_connection, sequence, id, leases.Keys, local: null);
        var arguments = new RedisValue[] { _connection.Leases.TimeToLiveMilliseconds, maxSessions, id, 1 };
        var attempted = _connection.IsAvailable;
        if (_connection.TryExecute((leases.Keys, arguments), static (db, s) => (long)db.ScriptEvaluate(LeaseScripts.Acquire, s.Keys, s.arguments), out var acquired))
        {
            if (acquired == 0)
            {
                return false;
            }

            leases.Push(lease);
            _connection.Leases.Add(lease);
            return true;
        }

        var policy = _connection.Options.SessionsPolicy;
        _connection.Fallback(RedisStateKind.ArsBlocks, policy);
        if (policy == RedisOutagePolicy.FailClosed || !leases.TryPushWithin(lease, maxSessions))
        {
            if (attempted)
            {
                // The script may have run and only its answer been lost (a timeout): the lease it may have added
                // is removed when Redis is back, so the shared count does not stay one too high for its TTL.
                _connection.Leases.ReleaseLater(lease);
            }

            return false;
        }

        // Known here only for now: inserted in Redis when it is back.
        _connection.Leases.Add(lease);
        return true;
    }

    /// <inheritdoc />
    public void Release(in ArsBlockKey block)
    {
        if (_blocks.TryGetValue(block, out var leases) && leases.TryPop(out var lease))
        {
            lease.Dispose();
        }
    }

    /// <inheritdoc />
    public void MarkFailed(in ArsBlockKey block, DateTimeOffset until)
    {
        var remaining = until - _time.GetUtcNow();
        if (remaining <= TimeSpan.Zero)
        {
            return;
        }

        var message = string.Join('\n', _connection.NodeId, ((long)remaining.TotalMilliseconds).ToString(CultureInfo.InvariantCulture), ((int)block.Direction).ToString(CultureInfo.InvariantCulture), block.BlockNumber.ToString(CultureInfo.InvariantCulture), block.RouteName);
        if (!_connection.TryExecute((_channel, message), static (db, s) => db.Publish(s._channel, s.message), out _))
        {
            _connection.Fallback(RedisStateKind.ArsBlocks, RedisOutagePolicy.FailOpen);
        }
    }

    /// <inheritdoc />
    public void Attach(Action<ArsBlockKey, DateTimeOffset> applyFailure)
    {
        ArgumentNullException.ThrowIfNull(applyFailure);
        _applyFailure = applyFailure;
        Subscribe();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _connection.Recovered -= Subscribe;
        foreach (var leases in _blocks.Values)
        {
            while (leases.TryPop(out var lease))
            {
                lease.Dispose();
            }
        }
    }

    private static string BlockId(in ArsBlockKey block) =>
        string.Create(CultureInfo.InvariantCulture, $"{(block.Direction == ArsDirection.In ? "in" : "out")}:{block.BlockNumber}:{block.RouteName}");

    private void Subscribe()
    {
        if (_applyFailure is null || !_connection.IsAvailable || Interlocked.Exchange(ref _subscribed, 1) == 1)
        {
            return;
        }

        try
        {
            _connection.Subscriber.Subscribe(_channel, (_, message) => OnFailure(message));
        }
#pragma warning disable CA1031 // Retried when Redis is next available; a subscription failure must not reach a routing call.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Volatile.Write(ref _subscribed, 0);
            _connection.ReportFailure(e.Message);
        }
    }

    private void OnFailure(RedisValue message)
    {
        var parts = ((string?)message)?.Split('\n', 5);
        if (parts is not { Length: 5 } || parts[0] == _connection.NodeId
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var remainingMs)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var direction)
            || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return;
        }

        _applyFailure?.Invoke(new ArsBlockKey(parts[4], (ArsDirection)direction, number), _time.GetUtcNow().AddMilliseconds(remainingMs));
    }

    /// <summary>This node's leases on one block; any of them ends a session (sessions are fungible per block).</summary>
    private sealed class BlockLeases(RedisKey key)
    {
        private readonly Stack<RedisLease> _leases = new();

        public RedisKey[] Keys { get; } = [key];

        public void Push(RedisLease lease)
        {
            lock (_leases)
            {
                _leases.Push(lease);
            }
        }

        /// <summary>Adds a lease unless this node alone already holds the limit (the fail-open check).</summary>
        public bool TryPushWithin(RedisLease lease, int maxSessions)
        {
            lock (_leases)
            {
                if (maxSessions >= 0 && _leases.Count >= maxSessions)
                {
                    return false;
                }

                _leases.Push(lease);
                return true;
            }
        }

        public bool TryPop([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RedisLease? lease)
        {
            lock (_leases)
            {
                return _leases.TryPop(out lease);
            }
        }
    }
}
