namespace AlwaysConnected.Routing.Services;

/// <summary>
/// The registrar the dial plan consults for <c>$registered</c>, <c>$regUri</c>, <c>$regaddr</c> and
/// for <c>To = sip:user@</c> (route to the user's registered contact). The host that accepts REGISTER
/// requests writes to it (<see cref="Register"/>, <see cref="Unregister"/>); the rules only read.
/// </summary>
/// <remarks>
/// <see cref="RoutingServices"/> and <c>AddSipRouting</c> default to an in-memory registrar
/// (<see cref="RoutingServices.CreateInMemoryRegistrar"/>); a host with its own registration store implements
/// this interface over it. <see cref="GetContact"/> runs on the routing path: answer in bounded time.
/// </remarks>
public interface ISipRegistrar
{
    /// <summary>Finds the contact URI registered for a user.</summary>
    /// <param name="user">The user part (e.g. <c>1000</c>).</param>
    /// <returns>The contact URI (e.g. <c>sip:1000@192.0.2.10:5060</c>), or null when the user is not registered.</returns>
    string? GetContact(ReadOnlySpan<char> user);

    /// <summary>Registers (or replaces) the contact of a user.</summary>
    /// <param name="user">The user part.</param>
    /// <param name="contactUri">The contact URI.</param>
    /// <param name="expires">When the registration lapses (the REGISTER's expiry); null keeps it until <see cref="Unregister"/>.</param>
    /// <returns>
    /// False when the registration could be kept only in part: a registrar shared by several nodes whose store
    /// was unreachable keeps it for this node alone.
    /// </returns>
    bool Register(string user, string contactUri, TimeSpan? expires = null);

    /// <summary>Removes the registration of a user.</summary>
    /// <param name="user">The user part.</param>
    /// <returns><see langword="true"/> when the user was registered.</returns>
    bool Unregister(string user);
}
