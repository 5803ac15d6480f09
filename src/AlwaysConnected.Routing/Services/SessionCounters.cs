using System.Collections.Concurrent;

namespace AlwaysConnected.Routing.Services;

/// <summary>
/// Counts sessions per route name and in total, for <c>$sessionnum</c>, <c>$sps</c>,
/// <c>$route.concurrent</c>, <c>$route.underlimit</c>, <c>$route.sps</c> and
/// <c>$route.spslimit</c>. The host feeds it: <see cref="Start"/> when a session starts (under the
/// decision's <c>$routename</c>, or none) and disposing the returned lease when it ends.
/// </summary>
/// <remarks>
/// Thread-safe. A lease releases its count exactly once however often it is disposed, so a count
/// never goes negative and never leaks through a double release.
/// </remarks>
internal sealed class SessionCounters : ISessionCounters
{
    private readonly ConcurrentDictionary<string, RouteCounter> _routes = new(StringComparer.Ordinal);
    private readonly RouteCounter _total;
    private readonly TimeProvider _time;

    /// <summary>Creates counters.</summary>
    /// <param name="timeProvider">The clock for sessions-per-second; the system clock when null.</param>
    public SessionCounters(TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        _total = new RouteCounter(_time);
    }

    /// <inheritdoc />
    public int Concurrent => _total.Concurrent;

    /// <inheritdoc />
    public int SessionsPerSecond => _total.StartsInLastSecond();

    /// <inheritdoc />
    public IDisposable Start(string? routeName)
    {
        var route = string.IsNullOrEmpty(routeName) ? null : _routes.GetOrAdd(routeName, static (_, time) => new RouteCounter(time), _time);
        _total.Started();
        route?.Started();
        return new SessionLease(_total, route);
    }

    /// <inheritdoc />
    public int GetConcurrent(ReadOnlySpan<char> routeName) => Find(routeName)?.Concurrent ?? 0;

    /// <inheritdoc />
    public int GetSessionsPerSecond(ReadOnlySpan<char> routeName) => Find(routeName)?.StartsInLastSecond() ?? 0;

    private RouteCounter? Find(ReadOnlySpan<char> routeName) =>
        _routes.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(routeName, out var counter) ? counter : null;

    /// <summary>The counts of one route name.</summary>
    internal sealed class RouteCounter
    {
        // Ten 100 ms buckets make a sliding one-second window that is cheap to update and read.
        private const int BucketCount = 10;
        private const long BucketTicks = TimeSpan.TicksPerMillisecond * 100;

        private readonly TimeProvider _time;
        private readonly long[] _bucketStamp = new long[BucketCount];
        private readonly int[] _bucketCount = new int[BucketCount];
        private readonly Lock _gate = new();
        private int _concurrent;

        public RouteCounter(TimeProvider time)
        {
            _time = time;
            Array.Fill(_bucketStamp, long.MinValue);
        }

        public int Concurrent => Volatile.Read(ref _concurrent);

        public void Started()
        {
            Interlocked.Increment(ref _concurrent);
            var slot = _time.GetUtcNow().UtcTicks / BucketTicks;
            lock (_gate)
            {
                var index = (int)(slot % BucketCount);
                if (_bucketStamp[index] != slot)
                {
                    _bucketStamp[index] = slot;
                    _bucketCount[index] = 0;
                }

                _bucketCount[index]++;
            }
        }

        public void Ended() => Interlocked.Decrement(ref _concurrent);

        public int StartsInLastSecond()
        {
            var slot = _time.GetUtcNow().UtcTicks / BucketTicks;
            var total = 0;
            lock (_gate)
            {
                for (var i = 0; i < BucketCount; i++)
                {
                    if (slot - _bucketStamp[i] < BucketCount)
                    {
                        total += _bucketCount[i];
                    }
                }
            }

            return total;
        }
    }
}
