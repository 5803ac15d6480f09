using System.Collections.Concurrent;
using System.Net;

namespace AlwaysConnected.Routing.Services;

/// <summary>A thread-safe in-memory block list, the default <see cref="IBlockList"/>.</summary>
/// <remarks>
/// Each entry carries its expiry; an expired entry reads as not blocked and is dropped when it is next
/// read, so no timer runs.
/// </remarks>
internal sealed class InMemoryBlockList : IBlockList
{
    private const long Forever = long.MaxValue;

    private readonly ConcurrentDictionary<IPAddress, long> _blocked = new();
    private readonly TimeProvider _time;

    /// <summary>Creates an empty list.</summary>
    /// <param name="timeProvider">The clock entry lifetimes are measured on; the system clock when null.</param>
    /// <param name="defaultLifetime">The lifetime of an entry added without one; null (the default) keeps it for good.</param>
    public InMemoryBlockList(TimeProvider? timeProvider = null, TimeSpan? defaultLifetime = null)
    {
        if (defaultLifetime is { } lifetime)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero, nameof(defaultLifetime));
        }

        _time = timeProvider ?? TimeProvider.System;
        DefaultLifetime = defaultLifetime;
    }

    /// <summary>The lifetime of an entry added without one, or null for entries kept for good.</summary>
    public TimeSpan? DefaultLifetime { get; }

    /// <summary>The number of entries, counting those expired but not yet dropped.</summary>
    public int Count => _blocked.Count;

    /// <inheritdoc />
    public void Block(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (DefaultLifetime is { } lifetime)
        {
            Block(address, lifetime);
            return;
        }

        _blocked[address] = Forever;
    }

    /// <inheritdoc />
    public void Block(IPAddress address, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        var until = _time.GetUtcNow().UtcTicks + lifetime.Ticks;

        // A longer block already in place is kept: a shorter one must not shorten it.
        _blocked.AddOrUpdate(address, static (_, added) => added, static (_, existing, added) => Math.Max(existing, added), until);
    }

    /// <inheritdoc />
    public bool Unblock(IPAddress address) => _blocked.TryRemove(address, out _);

    /// <inheritdoc />
    public bool IsBlocked(IPAddress address)
    {
        if (address is null || !_blocked.TryGetValue(address, out var until))
        {
            return false;
        }

        if (until == Forever || _time.GetUtcNow().UtcTicks < until)
        {
            return true;
        }

        // Expired: drop it unless it was renewed meanwhile.
        _blocked.TryRemove(KeyValuePair.Create(address, until));
        return false;
    }
}
