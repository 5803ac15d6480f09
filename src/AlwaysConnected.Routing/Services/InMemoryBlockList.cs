using System.Collections.Concurrent;
using System.Net;

namespace AlwaysConnected.Routing.Services;

/// <summary>A thread-safe in-memory block list, the default <see cref="IBlockList"/>.</summary>
public sealed class InMemoryBlockList : IBlockList
{
    private readonly ConcurrentDictionary<IPAddress, byte> _blocked = new();

    /// <summary>The number of blocked addresses.</summary>
    public int Count => _blocked.Count;

    /// <inheritdoc />
    public void Block(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        _blocked.TryAdd(address, 0);
    }

    /// <summary>Removes an address.</summary>
    /// <returns><see langword="true"/> when it was blocked.</returns>
    public bool Unblock(IPAddress address) => _blocked.TryRemove(address, out _);

    /// <inheritdoc />
    public bool IsBlocked(IPAddress address) => address is not null && _blocked.ContainsKey(address);
}
