using System.Net;
using AlwaysConnected.Routing;

namespace AlwaysConnected.SipProxy.Transport;

/// <summary>Where a message came from: the peer, the transport and, for TCP, the connection to answer on.</summary>
internal readonly record struct Inbound(IPEndPoint Source, SipTransport Transport, long ConnectionId)
{
    public bool IsStream => Transport != SipTransport.Udp;

    /// <summary>The source in the forms the packet path reuses (UDP only; null for TCP).</summary>
    public Peer? Peer { get; init; }
}
