using System.Collections.Concurrent;
using AlwaysConnected.Routing.Redis.Connection;
using StackExchange.Redis;

namespace AlwaysConnected.Routing.Redis.Leases;

/// <summary>
/// The live leases of this node. The connection renews them every third of their time-to-live while
/// Redis is available and re-inserts them all when it comes back; a lease leaves the registry when it
/// is released, so a node that stops renews nothing and its leases expire.
/// </summary>
internal sealed class LeaseRegistry(RedisStateConnection connection)
{
    private readonly ConcurrentDictionary<long, RedisLease> _live = new();
    private readonly ConcurrentQueue<RedisLease> _unreleased = new();
    private long _nextId;

    public int Count => _live.Count;

    public long TimeToLiveMilliseconds => (long)connection.Options.LeaseTimeToLive.TotalMilliseconds;

    /// <summary>A lease id unique in the cluster: this node's id and a sequence number.</summary>
    public (long Sequence, RedisValue Id) NextId()
    {
        var sequence = Interlocked.Increment(ref _nextId);
        return (sequence, connection.NodeId + "#" + sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public void Add(RedisLease lease) => _live[lease.Sequence] = lease;

    public void Remove(RedisLease lease) => _live.TryRemove(lease.Sequence, out _);

    /// <summary>Remembers a lease whose release could not reach Redis, to release it there when Redis is back.</summary>
    public void ReleaseLater(RedisLease lease) => _unreleased.Enqueue(lease);

    /// <summary>
    /// Releases in Redis the leases that ended while it was away (so the count does not wait for their
    /// time-to-live). Called by the probe before Redis counts as available again.
    /// </summary>
    public async Task ReleaseEndedAsync(CancellationToken cancellationToken)
    {
        var pending = new List<Task>();
        while (_unreleased.TryDequeue(out var lease))
        {
            pending.Add(connection.Database.ScriptEvaluateAsync(LeaseScripts.Release, lease.Keys, [lease.Id]));
        }

        if (pending.Count > 0)
        {
            await Task.WhenAll(pending).WaitAsync(connection.Options.OperationTimeout * 4, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The same once Redis is available: each release is an ordinary bounded call (kept for later when it fails).</summary>
    public void ReleaseEnded()
    {
        while (connection.IsAvailable && _unreleased.TryDequeue(out var lease))
        {
            if (!connection.TryExecute(lease, static (db, l) => db.ScriptEvaluate(LeaseScripts.Release, l.Keys, [l.Id]), out _))
            {
                _unreleased.Enqueue(lease);
                return;
            }
        }
    }

    /// <summary>
    /// Renews every live lease in one pipelined burst, inserting those Redis lacks: taken while it was
    /// away, or lost with a Redis that restarted (even one that restarted too fast to be seen away).
    /// </summary>
    /// <returns>The number of leases renewed, or -1 when Redis failed (it is then unavailable).</returns>
    public async Task<int> RenewAllAsync(CancellationToken cancellationToken)
    {
        var leases = _live.Values.ToArray();
        if (leases.Length == 0)
        {
            return 0;
        }

        var ttl = TimeToLiveMilliseconds;
        var pending = new Task[leases.Length];
        for (var i = 0; i < leases.Length; i++)
        {
            pending[i] = connection.Database.ScriptEvaluateAsync(LeaseScripts.Renew, leases[i].Keys, [ttl, leases[i].Id]);
        }

        try
        {
            await Task.WhenAll(pending).WaitAsync(connection.Options.OperationTimeout * 4, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
#pragma warning disable CA1031 // A failed renewal makes Redis unavailable; the leases are re-inserted when it is back.
        catch (Exception e)
#pragma warning restore CA1031
        {
            connection.ReportFailure(e.Message);
            return -1;
        }

        // A lease released during the burst may have been re-inserted by it; release it again.
        foreach (var lease in leases)
        {
            if (lease.IsReleased)
            {
                lease.ReleaseInRedis();
            }
        }

        return leases.Length;
    }
}
