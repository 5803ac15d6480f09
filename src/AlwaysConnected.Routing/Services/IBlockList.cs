using System.Net;

namespace AlwaysConnected.Routing.Services;

/// <summary>
/// The list of blocked source addresses that a <c>$action = block</c> rule adds to. The host keeps
/// it and drops traffic from the addresses on it.
/// </summary>
public interface IBlockList
{
    /// <summary>Adds an address.</summary>
    void Block(IPAddress address);

    /// <summary>Tells whether an address is blocked.</summary>
    bool IsBlocked(IPAddress address);
}
