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

    /// <summary>Renews (or re-inserts) every live lease in one pipelined burst.</summary>
    /// <returns>The number of leases renewed.</returns>
    public async Task<int> RenewAllAsync(bool reinsert, CancellationToken cancellationToken)
    {
        var leases = _live.Values.ToArray();
        if (leases.Length == 0)
        {
            return 0;
        }

        var ttl = TimeToLiveMilliseconds;
        var mode = reinsert ? "1" : "0";
        var pending = new Task[leases.Length];
        for (var i = 0; i < leases.Length; i++)
        {
            pending[i] = connection.Database.ScriptEvaluateAsync(LeaseScripts.Renew, leases[i].Keys, [ttl, leases[i].Id, mode]);
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
            return 0;
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
