using System.Buffers.Text;
using System.Text;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.SipProxy.Transport;

namespace AlwaysConnected.SipProxy.Proxy;

/// <summary>
/// A receive worker's own memory of the hosts it sends to: <c>host</c> + port → <see cref="Peer"/>
/// (endpoint and socket address), so a known next hop costs a comparison and no allocation. A miss asks
/// <see cref="HostResolver"/>. Not thread-safe: one per worker. Small and bounded (oldest entry replaced),
/// and refreshed after <see cref="Lifetime"/> so a changed DNS answer is seen.
/// </summary>
internal sealed class NextHopCache(HostResolver resolver, TimeProvider time)
{
    private const int Capacity = 32;
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private readonly Entry[] _entries = new Entry[Capacity];
    private int _count;
    private int _next;

    /// <summary>A next hop written as a SIP URI or <c>host[:port][;params]</c>.</summary>
    public bool TryResolveNextHop(ReadOnlySpan<byte> hop, out Peer destination)
    {
        destination = null!;
        hop = hop.Trim(" \t"u8);
        if (hop.StartsWith("sip:"u8) || hop.StartsWith("sips:"u8))
        {
            // A URI without a port (-1) takes the Hosts map's port, else 5060.
            return SipUri.TryParse(hop, out var uri) && TryResolve(uri.Host, Math.Max(uri.Port, 0), out destination);
        }

        if (hop.IndexOf((byte)',') >= 0)
        {
            // A list is not one hop: the resolver's general reading applies (and allocates).
            if (!resolver.TryResolveNextHop(hop, out var endPoint))
            {
                return false;
            }

            destination = new Peer(endPoint);
            return true;
        }

        var semicolon = hop.IndexOf((byte)';');
        if (semicolon >= 0)
        {
            hop = hop[..semicolon];
        }

        var port = 0;
        ReadOnlySpan<byte> host;
        if (hop.StartsWith("["u8))
        {
            var close = hop.IndexOf((byte)']');
            if (close < 0)
            {
                return false;
            }

            host = hop[..(close + 1)];
            var rest = hop[(close + 1)..];
            if (!rest.IsEmpty && (rest[0] != (byte)':' || !TryParsePort(rest[1..], out port)))
            {
                return false;
            }
        }
        else
        {
            var colon = hop.LastIndexOf((byte)':');
            host = colon >= 0 ? hop[..colon] : hop;
            if (colon >= 0 && !TryParsePort(hop[(colon + 1)..], out port))
            {
                return false;
            }
        }

        return TryResolve(host, port, out destination);
    }

    /// <param name="host">As written (IPv6 references may keep their brackets).</param>
    /// <param name="port">0 when none was written (the Hosts map's port, else 5060, applies).</param>
    public bool TryResolve(ReadOnlySpan<byte> host, int port, out Peer destination)
    {
        var now = time.GetTimestamp();
        for (var i = 0; i < _count; i++)
        {
            var entry = _entries[i];
            if (entry.Port == port && host.SequenceEqual(entry.Host) && time.GetElapsedTime(entry.Stored, now) < Lifetime)
            {
                destination = entry.Destination;
                return true;
            }
        }

        if (!resolver.TryResolve(Encoding.UTF8.GetString(host).Trim('[', ']'), port, out var endPoint))
        {
            destination = null!;
            return false;
        }

        destination = new Peer(endPoint);
        Store(new Entry(host.ToArray(), port, destination, now));
        return true;
    }

    private void Store(Entry entry)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_entries[i].Port == entry.Port && _entries[i].Host.AsSpan().SequenceEqual(entry.Host))
            {
                _entries[i] = entry;
                return;
            }
        }

        if (_count < Capacity)
        {
            _entries[_count++] = entry;
            return;
        }

        _entries[_next] = entry;
        _next = (_next + 1) % Capacity;
    }

    private static bool TryParsePort(ReadOnlySpan<byte> digits, out int port) =>
        Utf8Parser.TryParse(digits, out port, out var consumed) && consumed == digits.Length && port is >= 0 and <= 65535;

    private sealed record Entry(byte[] Host, int Port, Peer Destination, long Stored);
}
