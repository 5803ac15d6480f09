using AlwaysConnected.Routing.Redis.Connection;
using StackExchange.Redis;

namespace AlwaysConnected.Routing.Redis.Leases;

/// <summary>
/// One session counted in Redis (and in this node's own counts, which the fail-open policy reads while
/// Redis is away). Disposing releases both, once.
/// </summary>
internal sealed class RedisLease : IDisposable
{
    private readonly RedisStateConnection _connection;
    private readonly IDisposable? _local;
    private int _released;

    public RedisLease(RedisStateConnection connection, long sequence, RedisValue id, RedisKey[] keys, IDisposable? local)
    {
        _connection = connection;
        Sequence = sequence;
        Id = id;
        Keys = keys;
        _local = local;
    }

    public long Sequence { get; }

    public RedisValue Id { get; }

    /// <summary>The lease sets it is a member of (not the start windows).</summary>
    public RedisKey[] Keys { get; }

    public bool IsReleased => Volatile.Read(ref _released) != 0;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return;
        }

        _connection.Leases.Remove(this);
        _local?.Dispose();
        ReleaseInRedis();
    }

    /// <summary>
    /// Removes the lease from Redis. When Redis is away the release is sent when it is back (and the lease
    /// would expire after its time-to-live anyway): the count may be too high meanwhile, never too low.
    /// </summary>
    internal void ReleaseInRedis()
    {
        if (!_connection.TryExecute(this, static (db, lease) => db.ScriptEvaluate(LeaseScripts.Release, lease.Keys, [lease.Id]), out _))
        {
            _connection.Leases.ReleaseLater(this);

            // Redis may have come back between the attempt and the queueing, after the probe emptied the queue.
            _connection.Leases.ReleaseEnded();
        }
    }
}
