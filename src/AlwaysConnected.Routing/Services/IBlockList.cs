using System.Net;

namespace AlwaysConnected.Routing.Services;

/// <summary>
/// The list of blocked source addresses that a <c>$action = block</c> rule adds to. The host keeps
/// it and drops traffic from the addresses on it.
/// </summary>
public interface IBlockList
{
    /// <summary>Adds an address for as long as the list keeps its entries (its default lifetime, or for good).</summary>
    void Block(IPAddress address);

    /// <summary>Adds an address for a limited time: after <paramref name="lifetime"/> it is no longer blocked.</summary>
    /// <param name="address">The address.</param>
    /// <param name="lifetime">How long the entry lasts; positive.</param>
    void Block(IPAddress address, TimeSpan lifetime);

    /// <summary>Tells whether an address is blocked.</summary>
    bool IsBlocked(IPAddress address);
}
