using AlwaysConnected.Routing.Ars.State;

namespace AlwaysConnected.Routing.Ars.Evaluation;

/// <summary>
/// The run-time state of one pattern block: sessions in progress and when it may be tried again. With a
/// shared <see cref="IArsBlockStateStore"/> the store decides acquisitions and spreads failures, and this
/// object keeps this node's view (its own sessions, the recovery time it knows of) for evaluation.
/// </summary>
internal sealed class BlockState
{
    private readonly IArsBlockStateStore? _store;
    private int _active;
    private long _failedUntilTicks = long.MinValue;

    public BlockState()
    {
    }

    public BlockState(ArsBlockKey key, IArsBlockStateStore? store)
    {
        Key = key;
        _store = store;
    }

    public ArsBlockKey Key { get; }

    /// <summary>The sessions in progress through this node.</summary>
    public int Active => Volatile.Read(ref _active);

    /// <summary>
    /// Read for every candidate on the hot path. A volatile read of a long is atomic (on 32-bit too);
    /// <see cref="Interlocked.Read(ref readonly long)"/> would be a locked compare-exchange, a write to a cache
    /// line every routing thread shares.
    /// </summary>
    public long FailedUntilTicks => Volatile.Read(ref _failedUntilTicks);

    /// <summary>Counts a session unless the limit is reached; never exceeds a non-negative limit.</summary>
    public bool TryAcquire(int maxSessions)
    {
        if (_store is not null)
        {
            return TryAcquireShared(maxSessions);
        }

        while (true)
        {
            var current = Volatile.Read(ref _active);
            if (maxSessions >= 0 && current >= maxSessions)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _active, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    public void Release()
    {
        // Leases release exactly once, so this cannot go below zero; the guard is for defence in depth.
        while (true)
        {
            var current = Volatile.Read(ref _active);
            if (current <= 0)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _active, current - 1, current) == current)
            {
                _store?.Release(Key);
                return;
            }
        }
    }

    /// <summary>Marks the block failed here and, with a shared store, on every node.</summary>
    public void MarkFailed(long untilTicks)
    {
        MarkFailedHere(untilTicks);
        _store?.MarkFailed(Key, new DateTimeOffset(untilTicks, TimeSpan.Zero));
    }

    /// <summary>Records a failure mark on this node only (one reported by another node).</summary>
    public void MarkFailedHere(long untilTicks) => Interlocked.Exchange(ref _failedUntilTicks, untilTicks);

    private bool TryAcquireShared(int maxSessions)
    {
        // The store's answer is the cluster's; this node's count follows it (never past the limit, since
        // this node's sessions are among the cluster's).
        if (!_store!.TryAcquire(Key, maxSessions))
        {
            return false;
        }

        Interlocked.Increment(ref _active);
        return true;
    }

    public void ClearFailure() => Interlocked.Exchange(ref _failedUntilTicks, long.MinValue);
}
