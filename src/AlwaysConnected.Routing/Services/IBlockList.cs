using System.Net;

namespace AlwaysConnected.Routing.Services;

/// <summary>
/// The list of blocked source addresses that a <c>$action = block</c> rule adds to. The host keeps
/// it, drops traffic from the addresses on it, and lifts a block with <see cref="Unblock"/>.
/// </summary>
/// <remarks>
/// <see cref="RoutingServices"/> and <c>AddSipRouting</c> default to an in-memory list
/// (<see cref="RoutingServices.CreateInMemoryBlockList"/>).
/// </remarks>
public interface IBlockList
{
    /// <summary>Adds an address for as long as the list keeps its entries (its default lifetime, or for good).</summary>
    void Block(IPAddress address);

    /// <summary>Adds an address for a limited time: after <paramref name="lifetime"/> it is no longer blocked.</summary>
    /// <param name="address">The address.</param>
    /// <param name="lifetime">How long the entry lasts; positive.</param>
    void Block(IPAddress address, TimeSpan lifetime);

    /// <summary>Removes an address.</summary>
    /// <param name="address">The address.</param>
    /// <returns><see langword="true"/> when it was blocked.</returns>
    bool Unblock(IPAddress address);

    /// <summary>Tells whether an address is blocked.</summary>
    bool IsBlocked(IPAddress address);
}
