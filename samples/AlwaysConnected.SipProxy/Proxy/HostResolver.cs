using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using AlwaysConnected.Routing.Sip;
using Microsoft.Extensions.Options;

namespace AlwaysConnected.SipProxy.Proxy;

/// <summary>
/// Turns a next hop (<c>host[:port][;params]</c> or a SIP URI) into an address: IP literals and
/// <c>localhost</c> directly, names through the static <c>SipProxy:Hosts</c> map, then DNS (A/AAAA only,
/// cached; the sample does no SRV/NAPTR).
/// </summary>
internal sealed class HostResolver(IOptions<SipProxyOptions> options)
{
    private const int DefaultPort = 5060;
    private readonly ConcurrentDictionary<string, IPAddress?> _dnsCache = new(StringComparer.OrdinalIgnoreCase);

    public bool TryResolveNextHop(ReadOnlySpan<byte> hop, out IPEndPoint destination)
    {
        destination = null!;
        if (hop.StartsWith("sip:"u8) || hop.StartsWith("sips:"u8))
        {
            if (!SipUri.TryParse(hop, out var uri))
            {
                return false;
            }

            return TryResolve(Encoding.UTF8.GetString(uri.Host).Trim('[', ']'), uri.Port, out destination);
        }

        var text = Encoding.UTF8.GetString(hop).Trim();
        var semicolon = text.IndexOf(';', StringComparison.Ordinal);
        if (semicolon >= 0)
        {
            text = text[..semicolon];
        }

        string host;
        var port = 0;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = text[1..close];
            if (close + 1 < text.Length && (text[close + 1] != ':' || !int.TryParse(text.AsSpan(close + 2), NumberStyles.None, CultureInfo.InvariantCulture, out port)))
            {
                return false;
            }
        }
        else
        {
            var colon = text.LastIndexOf(':');
            host = colon >= 0 ? text[..colon] : text;
            if (colon >= 0 && !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port))
            {
                return false;
            }
        }

        return TryResolve(host, port, out destination);
    }

    /// <param name="port">0 when the hop named none (the Hosts map's port, else 5060, applies).</param>
    public bool TryResolve(string host, int port, out IPEndPoint destination)
    {
        destination = null!;
        if (port is < 0 or > 65535 || host.Length == 0)
        {
            return false;
        }

        if (IPAddress.TryParse(host, out var address))
        {
            destination = new IPEndPoint(address, port == 0 ? DefaultPort : port);
            return true;
        }

        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            destination = new IPEndPoint(IPAddress.Loopback, port == 0 ? DefaultPort : port);
            return true;
        }

        if (options.Value.Hosts.TryGetValue(host, out var mapped))
        {
            var colon = mapped.LastIndexOf(':');
            var mappedPort = 0;
            if (colon > 0 && !mapped.Contains(']', StringComparison.Ordinal) && mapped.Count(c => c == ':') == 1)
            {
                int.TryParse(mapped.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out mappedPort);
                mapped = mapped[..colon];
            }

            if (!IPAddress.TryParse(mapped.Trim('[', ']'), out address))
            {
                return false;
            }

            destination = new IPEndPoint(address, port != 0 ? port : mappedPort != 0 ? mappedPort : DefaultPort);
            return true;
        }

        address = _dnsCache.GetOrAdd(host, static name =>
        {
            try
            {
                return Dns.GetHostAddresses(name).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
            }
            catch (SocketException)
            {
                return null;
            }
        });
        if (address is null)
        {
            return false;
        }

        destination = new IPEndPoint(address, port == 0 ? DefaultPort : port);
        return true;
    }
}
