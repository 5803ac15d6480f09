namespace AlwaysConnected.Routing.Ars.Evaluation;

/// <summary>The run-time state of one pattern block: sessions in progress and when it may be tried again.</summary>
internal sealed class BlockState
{
    private int _active;
    private long _failedUntilTicks = long.MinValue;

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
            if (current <= 0 || Interlocked.CompareExchange(ref _active, current - 1, current) == current)
            {
                return;
            }
        }
    }

    public void MarkFailed(long untilTicks) => Interlocked.Exchange(ref _failedUntilTicks, untilTicks);

    public void ClearFailure() => Interlocked.Exchange(ref _failedUntilTicks, long.MinValue);
}
