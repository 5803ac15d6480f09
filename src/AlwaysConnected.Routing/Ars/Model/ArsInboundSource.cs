namespace AlwaysConnected.Routing.Ars;

/// <summary>
/// Which requests a route's IN blocks accept, by where the request came from: the vendor's "Apply this route
/// for incoming calls", a setting of the route (not of a block).
/// </summary>
public enum ArsInboundSource
{
    /// <summary>A request from anywhere (the default).</summary>
    Any,

    /// <summary>
    /// Only a request from the trunk the route registers with: its source address is the address of the
    /// route's registrar (the Register URI's host or the Proxy), or its Request-URI user is the registered
    /// account. The route must have a <see cref="ArsRoute.Registration"/>.
    /// </summary>
    RegisteredTrunk,
}
