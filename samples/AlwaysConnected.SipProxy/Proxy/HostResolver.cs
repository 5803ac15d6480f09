using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AlwaysConnected.Routing;
using Microsoft.Extensions.Options;

namespace AlwaysConnected.SipProxy.Proxy;

/// <summary>
/// The sample's <see cref="ISipHostResolver"/>: names through the static <c>SipProxy:Hosts</c> map,
/// <c>localhost</c> as loopback, then DNS (A records only, cached; the sample does no SRV/NAPTR). IP literals
/// never get here: <see cref="NextHop.TryGetEndPoint"/> reads them.
/// </summary>
internal sealed class HostResolver : ISipHostResolver
{
    // Filled once from the options and only read afterwards; the span lookup keeps the packet path free of strings.
    private readonly Dictionary<string, IPEndPoint> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IPEndPoint>.AlternateLookup<ReadOnlySpan<char>> _hostsBySpan;
    private readonly ConcurrentDictionary<string, IPAddress?> _dnsCache = new(StringComparer.OrdinalIgnoreCase);

    public HostResolver(IOptions<SipProxyOptions> options)
    {
        _hostsBySpan = _hosts.GetAlternateLookup<ReadOnlySpan<char>>();
        _hosts["localhost"] = new IPEndPoint(IPAddress.Loopback, 0);
        foreach (var (name, address) in options.Value.Hosts)
        {
            if (!TryParseMapped(address, out var endPoint))
            {
                throw new OptionsValidationException(SipProxyOptions.SectionName, typeof(SipProxyOptions),
                    [$"SipProxy:Hosts:{name} = '{address}' is not ip[:port] (IPv6 in brackets)."]);
            }

            _hosts[name] = endPoint;
        }
    }

    /// <summary>Resolves one next hop (<c>host[:port][;params]</c> or a SIP URI; no list).</summary>
    public bool TryResolveNextHop(ReadOnlySpan<byte> hop, out IPEndPoint destination)
    {
        destination = null!;
        if (!NextHop.TryParse(hop, out var parsed) || !parsed.TryGetEndPoint(this, out var endPoint))
        {
            return false;
        }

        destination = endPoint;
        return true;
    }

    /// <summary>Resolves a host (a literal, with or without IPv6 brackets, or a name).</summary>
    /// <param name="port">0 when none was named (the Hosts map's port, else 5060, applies).</param>
    public bool TryResolve(string host, int port, out IPEndPoint destination)
    {
        destination = null!;
        if (port is < 0 or > 65535 || host.Length == 0)
        {
            return false;
        }

        if (IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            destination = new IPEndPoint(address, port == 0 ? NextHop.DefaultPort : port);
            return true;
        }

        if (!TryResolve(host, port, null, out var resolved))
        {
            return false;
        }

        destination = new IPEndPoint(resolved.Address, port != 0 ? port : resolved.Port != 0 ? resolved.Port : NextHop.DefaultPort);
        return true;
    }

    /// <inheritdoc />
    public bool TryResolve(ReadOnlySpan<char> host, int port, SipTransport? transport, [NotNullWhen(true)] out IPEndPoint? endPoint)
    {
        if (_hostsBySpan.TryGetValue(host, out endPoint))
        {
            return true;
        }

        var address = _dnsCache.GetOrAdd(host.ToString(), static name =>
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
        endPoint = address is null ? null : new IPEndPoint(address, 0);
        return endPoint is not null;
    }

    private static bool TryParseMapped(string text, [NotNullWhen(true)] out IPEndPoint? endPoint)
    {
        endPoint = null;
        var colon = text.LastIndexOf(':');
        var port = 0;
        var host = text;
        if (colon > 0 && (text.StartsWith('[') ? text[colon - 1] == ']' : text.Count(c => c == ':') == 1))
        {
            if (!int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
            {
                return false;
            }

            host = text[..colon];
        }

        if (!IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return false;
        }

        endPoint = new IPEndPoint(address, port);
        return true;
    }
}
