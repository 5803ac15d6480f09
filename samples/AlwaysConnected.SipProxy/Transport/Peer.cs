using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AlwaysConnected.SipProxy.Transport;

/// <summary>
/// One remote address and port in the forms the packet path needs, made once and reused: the endpoint the
/// router reads, the socket address a send takes, and the address as text for Via <c>received</c>.
/// </summary>
internal sealed class Peer
{
    public Peer(IPEndPoint endPoint)
    {
        EndPoint = endPoint;
        Address = endPoint.Serialize();
        AddressText = Encoding.ASCII.GetBytes(endPoint.Address.IsIPv4MappedToIPv6 ? endPoint.Address.MapToIPv4().ToString() : endPoint.Address.ToString());
    }

    public IPEndPoint EndPoint { get; }

    public SocketAddress Address { get; }

    public byte[] AddressText { get; }
}

/// <summary>
/// A worker's own map from a received source address to its <see cref="Peer"/>, so a known peer costs a
/// lookup and no allocation. Not thread-safe: one per receive worker. Bounded: cleared when full.
/// </summary>
internal sealed class PeerTable
{
    private const int Capacity = 4096;
    private readonly Dictionary<SocketAddress, Peer> _peers = new(64);
    private readonly AddressFamily _family;

    public PeerTable(AddressFamily family) => _family = family;

    public Peer Get(SocketAddress source)
    {
        if (_peers.TryGetValue(source, out var peer))
        {
            return peer;
        }

        if (_peers.Count >= Capacity)
        {
            _peers.Clear();
        }

        var template = _family == AddressFamily.InterNetworkV6 ? new IPEndPoint(IPAddress.IPv6Any, 0) : new IPEndPoint(IPAddress.Any, 0);
        peer = new Peer((IPEndPoint)template.Create(source));
        _peers[peer.Address] = peer;
        return peer;
    }
}
