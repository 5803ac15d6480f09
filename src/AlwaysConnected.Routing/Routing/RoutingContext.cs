using System.Net;

namespace AlwaysConnected.Routing;

/// <summary>
/// What the host knows about one received request besides its bytes: where it came from and how.
/// </summary>
/// <remarks>
/// A small value passed by reference (<c>in</c>) to the router; it holds only references the host
/// already owns, so building one per packet allocates nothing.
/// </remarks>
public readonly struct RoutingContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="source">The address and port the request came from (the dial plan's <c>$addr</c> and <c>$port</c>).</param>
    /// <param name="transport">The transport it arrived on.</param>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    public RoutingContext(IPEndPoint source, SipTransport transport = SipTransport.Udp)
    {
        ArgumentNullException.ThrowIfNull(source);
        Source = source;
        Transport = transport;
    }

    /// <summary>The address and port the request came from.</summary>
    public IPEndPoint Source { get; }

    /// <summary>The transport the request arrived on.</summary>
    public SipTransport Transport { get; }

    /// <summary>Per-call properties carried from ARS IN to ARS OUT; null when the host keeps none.</summary>
    public CallProperties? Properties { get; init; }
}
