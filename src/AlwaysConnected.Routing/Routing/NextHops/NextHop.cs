using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing;

/// <summary>
/// One next hop of a decision's <c>$target</c>: <c>host[:port][;params]</c> or a SIP URI, read in place
/// from the decision's buffer. A view: valid until the decision is reset or routes again.
/// </summary>
/// <remarks>
/// Read the list with <see cref="RoutingDecision.NextHops"/> (no allocation). An entry that does not
/// parse is still enumerated, with <see cref="IsValid"/> false and <see cref="Error"/> saying why, so a
/// host can log it and go on to the next one.
/// </remarks>
public readonly ref struct NextHop
{
    /// <summary>The default SIP port for UDP, TCP and WS (RFC 3261 §19.1.2).</summary>
    public const int DefaultPort = 5060;

    /// <summary>The default SIP port for TLS and WSS.</summary>
    public const int DefaultSecurePort = 5061;

    /// <summary>The entry as written, whitespace trimmed.</summary>
    public ReadOnlySpan<byte> Text { get; private init; }

    /// <summary>Why the entry is not usable; <see cref="RoutingErrorCode.None"/> when it is.</summary>
    public RoutingErrorCode Error { get; private init; }

    /// <summary>Whether the entry is a usable next hop.</summary>
    public bool IsValid => Error == RoutingErrorCode.None;

    /// <summary>Whether the entry was written as a SIP or SIPS URI.</summary>
    public bool IsUri { get; private init; }

    /// <summary>The host as written; an IPv6 address keeps its brackets (as in <see cref="SipUri.Host"/>).</summary>
    public ReadOnlySpan<byte> Host { get; private init; }

    /// <summary>Whether the host is a name, an IPv4 address or a bracketed IPv6 address.</summary>
    public SipHostKind HostKind { get; private init; }

    /// <summary>The port as written; 0 when the entry names none.</summary>
    public int Port { get; private init; }

    /// <summary>
    /// The transport the entry asks for: its <c>transport</c> parameter, else TLS for a <c>sips:</c> URI;
    /// null when it names none (the host chooses, usually the transport the request came on).
    /// </summary>
    public SipTransport? Transport { get; private init; }

    /// <summary>The parameters after the host and port, <c>;transport=tcp;lr</c> (empty when none).</summary>
    public SipParameters Parameters => new(ParametersText);

    /// <summary>The raw text of <see cref="Parameters"/>.</summary>
    public ReadOnlySpan<byte> ParametersText { get; private init; }

    /// <summary>The port to send to: <see cref="Port"/>, else the default of the transport (5061 for TLS and WSS, else 5060).</summary>
    public int EffectivePort => Port != 0 ? Port : Transport is SipTransport.Tls or SipTransport.Wss ? DefaultSecurePort : DefaultPort;

    /// <summary>Whether the host is an IP address (no resolution needed).</summary>
    public bool IsLiteral => HostKind is SipHostKind.IPv4 or SipHostKind.IPv6;

    /// <summary>
    /// Turns the hop into an address to send to: an IPv4 or bracketed IPv6 literal directly, a name through
    /// <paramref name="resolver"/>. The port is the hop's own, else the one the resolver gives, else
    /// <see cref="EffectivePort"/>. Allocates the endpoint.
    /// </summary>
    /// <param name="resolver">Resolves names; null when the host resolves literals only.</param>
    /// <param name="endPoint">The address, when the method returns true.</param>
    /// <returns>False when the hop is invalid, or is a name and no resolver knows it.</returns>
    public bool TryGetEndPoint(ISipHostResolver? resolver, [NotNullWhen(true)] out IPEndPoint? endPoint)
    {
        endPoint = null;
        if (!IsValid)
        {
            return false;
        }

        if (HostKind == SipHostKind.IPv4 || HostKind == SipHostKind.IPv6)
        {
            var literal = HostKind == SipHostKind.IPv6 ? Host[1..^1] : Host;
            if (!IPAddress.TryParse(literal, out var address))
            {
                return false;
            }

            endPoint = new IPEndPoint(address, EffectivePort);
            return true;
        }

        if (resolver is null || Host.Length > 255)
        {
            return false;
        }

        // The host grammar is ASCII, so widening each byte is the exact decoding.
        Span<char> name = stackalloc char[Host.Length];
        Ascii.ToUtf16(Host, name, out _);
        if (!resolver.TryResolve(name, Port, Transport, out var resolved))
        {
            return false;
        }

        // A fresh endpoint: the resolver's instance may be shared, and IPEndPoint is mutable.
        endPoint = new IPEndPoint(resolved.Address, Port != 0 ? Port : resolved.Port != 0 ? resolved.Port : EffectivePort);
        return true;
    }

    /// <summary>The entry as written (allocates; for logs).</summary>
    /// <returns>The text of the entry.</returns>
    public override string ToString() => Encoding.UTF8.GetString(Text);

    /// <summary>
    /// Reads one next hop (<c>host[:port][;params]</c> or a SIP URI, e.g. a Route header's URI) without
    /// splitting at commas. The hop is returned even when it is not valid, with <see cref="Error"/> set.
    /// </summary>
    /// <param name="text">The hop.</param>
    /// <param name="hop">The hop read.</param>
    /// <returns>Whether the hop is valid.</returns>
    public static bool TryParse(ReadOnlySpan<byte> text, out NextHop hop)
    {
        hop = Parse(text);
        return hop.IsValid;
    }

    /// <summary>Reads one entry of a <c>$target</c> list (no comma).</summary>
    internal static NextHop Parse(ReadOnlySpan<byte> entry)
    {
        entry = entry.Trim(" \t"u8);
        if (entry.IsEmpty)
        {
            return new NextHop { Error = RoutingErrorCode.EmptyNextHop };
        }

        var text = entry;
        if (entry[0] == '<')
        {
            if (entry[^1] != '>')
            {
                return new NextHop { Text = text, Error = RoutingErrorCode.InvalidNextHopUri };
            }

            entry = entry[1..^1];
        }

        var colon = entry.IndexOf((byte)':');
        var looksLikeUri = colon > 0 && (Ascii.EqualsIgnoreCase(entry[..colon], "sip"u8) || Ascii.EqualsIgnoreCase(entry[..colon], "sips"u8));
        if (looksLikeUri)
        {
            if (!SipUri.TryParse(entry, out var uri) || !uri.IsSip || uri.Host.IsEmpty)
            {
                return new NextHop { Text = text, Error = RoutingErrorCode.InvalidNextHopUri };
            }

            var secure = uri.Kind == SipUriScheme.Sips;
            return WithTransport(new NextHop
            {
                Text = text, IsUri = true, Host = uri.Host, HostKind = uri.HostKind, Port = uri.Port < 0 ? 0 : uri.Port,
                ParametersText = uri.ParametersText,
            }, secure);
        }

        return ParseHostPort(text, entry);
    }

    private static NextHop ParseHostPort(ReadOnlySpan<byte> text, ReadOnlySpan<byte> entry)
    {
        int hostEnd;
        SipHostKind kind;
        if (entry[0] == '[')
        {
            var close = entry.IndexOf((byte)']');
            if (close < 2 || entry[1..close].ContainsAnyExcept(SipCharacters.IPv6))
            {
                return new NextHop { Text = text, Error = RoutingErrorCode.InvalidNextHopHost };
            }

            hostEnd = close + 1;
            kind = SipHostKind.IPv6;
        }
        else
        {
            hostEnd = entry.IndexOfAnyExcept(SipCharacters.HostName);
            if (hostEnd < 0)
            {
                hostEnd = entry.Length;
            }

            // A second colon means an IPv6 address without brackets: its last group cannot be told from a port.
            if (hostEnd == 0 || (hostEnd < entry.Length && entry[hostEnd] == ':' && entry[(hostEnd + 1)..].Contains((byte)':')))
            {
                return new NextHop { Text = text, Error = RoutingErrorCode.InvalidNextHopHost };
            }

            kind = SipUri.IsIPv4(entry[..hostEnd]) ? SipHostKind.IPv4 : SipHostKind.Name;
        }

        var host = entry[..hostEnd];
        var rest = entry[hostEnd..];
        var port = 0;
        if (!rest.IsEmpty && rest[0] == ':')
        {
            var portEnd = rest[1..].IndexOfAnyExceptInRange((byte)'0', (byte)'9');
            portEnd = portEnd < 0 ? rest.Length : portEnd + 1;
            if (!SipIntegers.TryParseInt32(rest[1..portEnd], 65535, out port) || port == 0)
            {
                return new NextHop { Text = text, Error = RoutingErrorCode.InvalidNextHopPort };
            }

            rest = rest[portEnd..];
        }

        if (!rest.IsEmpty && (rest[0] != ';' || !new SipParameters(rest).IsWellFormed()))
        {
            return new NextHop { Text = text, Error = RoutingErrorCode.InvalidNextHopParameters };
        }

        return WithTransport(new NextHop { Text = text, Host = host, HostKind = kind, Port = port, ParametersText = rest }, secure: false);
    }

    private static NextHop WithTransport(NextHop hop, bool secure)
    {
        if (!hop.Parameters.TryGetValue("transport"u8, out var name))
        {
            return secure ? hop with { Transport = SipTransport.Tls } : hop;
        }

        SipTransport? transport = name switch
        {
            _ when Ascii.EqualsIgnoreCase(name, "udp"u8) => SipTransport.Udp,
            _ when Ascii.EqualsIgnoreCase(name, "tcp"u8) => secure ? SipTransport.Tls : SipTransport.Tcp,
            _ when Ascii.EqualsIgnoreCase(name, "tls"u8) => SipTransport.Tls,
            _ when Ascii.EqualsIgnoreCase(name, "ws"u8) => secure ? SipTransport.Wss : SipTransport.WS,
            _ when Ascii.EqualsIgnoreCase(name, "wss"u8) => SipTransport.Wss,
            _ => null,
        };
        return transport is null ? hop with { Error = RoutingErrorCode.UnsupportedTransport } : hop with { Transport = transport };
    }
}
