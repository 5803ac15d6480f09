using AlwaysConnected.Routing.Requests;
using System.Net;
using System.Net.Sockets;
using System.Text;
using AlwaysConnected.Routing.DialPlan.Evaluation;

namespace AlwaysConnected.Routing.DialPlan.Functions.BuiltIns;

/// <summary>Reads an IP address out of the forms rules pass around: an address, <c>addr:port</c>, a URI or a header value.</summary>
internal static class AddressText
{
    public static bool TryParse(ReadOnlySpan<byte> text, out IPAddress? address)
    {
        text = text.Trim((byte)' ');
        if (IPAddress.TryParse(text, out address))
        {
            return true;
        }

        if (RequestReader.TryGetHostPort(text, out var host, out _))
        {
            return IPAddress.TryParse(Unbracket(host), out address);
        }

        // host:port or [v6]:port without a scheme.
        if (text.Length > 0 && text[0] == (byte)'[')
        {
            var close = text.IndexOf((byte)']');
            return close > 0 && IPAddress.TryParse(text[1..close], out address);
        }

        var colon = text.IndexOf((byte)':');
        return colon > 0 && text.LastIndexOf((byte)':') == colon && IPAddress.TryParse(text[..colon], out address);
    }

    /// <summary>The host part of a URI, <c>host:port</c> or bare host, as text (for host-name comparisons).</summary>
    public static ReadOnlySpan<byte> GetHost(ReadOnlySpan<byte> text)
    {
        text = text.Trim((byte)' ');
        if (RequestReader.TryGetHostPort(text, out var host, out _))
        {
            return Unbracket(host);
        }

        if (text.Length > 0 && text[0] == (byte)'[')
        {
            var close = text.IndexOf((byte)']');
            return close > 0 ? text[1..close] : text;
        }

        var colon = text.IndexOf((byte)':');
        return colon > 0 && text.LastIndexOf((byte)':') == colon ? text[..colon] : text;
    }

    public static ReadOnlySpan<byte> Unbracket(ReadOnlySpan<byte> host) =>
        host.Length >= 2 && host[0] == (byte)'[' && host[^1] == (byte)']' ? host[1..^1] : host;

    /// <summary>Whether an address is loopback or one of the server's own.</summary>
    public static bool IsLocal(IPAddress address, IReadOnlyList<IPAddress> localAddresses)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return true;
        }

        foreach (var local in localAddresses)
        {
            if (local.Equals(address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a host (name or address literal) names this server.</summary>
    public static bool IsLocalHost(ReadOnlySpan<byte> host, Services.RoutingServices services)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            return IsLocal(address, services.LocalAddresses);
        }

        if (Ascii.EqualsIgnoreCase(host, "localhost"u8))
        {
            return true;
        }

        Span<char> chars = stackalloc char[256];
        if (host.Length > chars.Length || !Ascii.IsValid(host))
        {
            return false;
        }

        var length = Encoding.ASCII.GetChars(host, chars);
        foreach (var name in services.LocalHostNames)
        {
            if (chars[..length].Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether an address is reachable on the public internet (not private, loopback, link-local, ...).</summary>
    public static bool IsGlobal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return !(b[0] == 10
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
                || b[0] == 0
                || b[0] >= 224);
        }

        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast);
    }
}
