using System.Buffers.Binary;

namespace AlwaysConnected.Routing.Sip;

/// <summary>
/// A URI read in place: SIP/SIPS (<c>sip:user:password@host:port;params?headers</c>), TEL (<c>tel:number;params</c>)
/// or any absolute URI. Components are raw (still %-escaped); use <see cref="TryUnescape"/> to decode one.
/// </summary>
public readonly ref struct SipUri
{
    /// <summary>The whole URI text.</summary>
    public ReadOnlySpan<byte> Text { get; private init; }

    /// <summary>The scheme as written, without the colon.</summary>
    public ReadOnlySpan<byte> Scheme { get; private init; }

    /// <summary>The kind of URI.</summary>
    public SipUriScheme Kind { get; private init; }

    /// <summary>Everything after <c>scheme:</c>.</summary>
    public ReadOnlySpan<byte> Opaque { get; private init; }

    /// <summary>The user part (raw; may contain <c>;</c>, <c>?</c> and escapes); the number of a TEL URI.</summary>
    public ReadOnlySpan<byte> User { get; private init; }

    /// <summary>Whether a user part (even empty) precedes <c>@</c>.</summary>
    public bool HasUser { get; private init; }

    /// <summary>The password (raw), empty when absent.</summary>
    public ReadOnlySpan<byte> Password { get; private init; }

    /// <summary>The host: a name, an IPv4 address or a bracketed IPv6 reference.</summary>
    public ReadOnlySpan<byte> Host { get; private init; }

    /// <summary>The form of <see cref="Host"/>.</summary>
    public SipHostKind HostKind { get; private init; }

    /// <summary>The port, or -1 when absent.</summary>
    public int Port { get; private init; }

    /// <summary>The URI parameters text, including its leading <c>;</c> (empty when none).</summary>
    public ReadOnlySpan<byte> ParametersText { get; private init; }

    /// <summary>The URI parameters.</summary>
    public SipParameters Parameters => new(ParametersText);

    /// <summary>The headers component after <c>?</c> (raw, <c>&amp;</c>-separated), empty when absent.</summary>
    public ReadOnlySpan<byte> Headers { get; private init; }

    /// <summary>Whether the URI is SIP or SIPS.</summary>
    public bool IsSip => Kind is SipUriScheme.Sip or SipUriScheme.Sips;

    /// <summary>Reads a URI.</summary>
    /// <param name="text">The URI, without surrounding <c>&lt;&gt;</c>.</param>
    /// <param name="uri">The components.</param>
    /// <returns>False when the scheme is missing, or a SIP URI has no valid host or port, or a TEL URI has no number.</returns>
    public static bool TryParse(ReadOnlySpan<byte> text, out SipUri uri)
    {
        int colon;
        SipUriScheme kind;
        if (text.Length >= 4 && (BinaryPrimitives.ReadUInt32LittleEndian(text) | 0x0020_2020u) == SipColonLower)
        {
            // "sip:" in any case, by far the most common start: no scheme scan needed.
            colon = 3;
            kind = SipUriScheme.Sip;
        }
        else
        {
            colon = text.IndexOf((byte)':');
            if (colon <= 0 || !SipCharacters.IsAlpha(text[0]) || text[..colon].ContainsAnyExcept(SipCharacters.Scheme))
            {
                return Fail(out uri);
            }

            kind = ClassifyScheme(text[..colon]);
        }

        var scheme = text[..colon];
        var rest = text[(colon + 1)..];
        if (rest.ContainsAny(SipCharacters.UriForbidden))
        {
            return Fail(out uri);
        }

        switch (kind)
        {
            case SipUriScheme.Other:
                if (rest.IsEmpty)
                {
                    return Fail(out uri);
                }

                uri = new SipUri { Text = text, Scheme = scheme, Kind = kind, Opaque = rest, Port = -1 };
                return true;

            case SipUriScheme.Tel:
            {
                int semi = rest.IndexOf((byte)';');
                var number = semi < 0 ? rest : rest[..semi];
                if (number.IsEmpty)
                {
                    return Fail(out uri);
                }

                uri = new SipUri
                {
                    Text = text, Scheme = scheme, Kind = kind, Opaque = rest, User = number, HasUser = true, Port = -1,
                    ParametersText = semi < 0 ? default : rest[semi..],
                };
                return true;
            }
        }

        return TryParseSip(text, scheme, kind, rest, out uri);
    }

    /// <summary>
    /// Clears the result only on failure: a success writes every field once, so zeroing a URI (some 150 bytes)
    /// up front for every call would be wasted.
    /// </summary>
    private static bool Fail(out SipUri uri)
    {
        uri = default;
        return false;
    }

    private static bool TryParseSip(ReadOnlySpan<byte> text, ReadOnlySpan<byte> scheme, SipUriScheme kind, ReadOnlySpan<byte> rest, out SipUri uri)
    {

        // '@' may not appear unescaped after the userinfo, while ';' and '?' may appear inside the user part:
        // so the first '@' ends the userinfo (RFC 4475 semiuri: "user;par=u%40example.net@example.com").
        int at = rest.IndexOf((byte)'@');
        ReadOnlySpan<byte> user = default, password = default;
        if (at >= 0)
        {
            var userInfo = rest[..at];
            int pw = userInfo.IndexOf((byte)':');
            user = pw < 0 ? userInfo : userInfo[..pw];
            password = pw < 0 ? default : userInfo[(pw + 1)..];
            rest = rest[(at + 1)..];
        }

        int hostEnd;
        SipHostKind hostKind;
        if (!rest.IsEmpty && rest[0] == '[')
        {
            int close = rest.IndexOf((byte)']');
            if (close < 2 || rest[1..close].ContainsAnyExcept(SipCharacters.IPv6))
            {
                return Fail(out uri);
            }

            hostEnd = close + 1;
            hostKind = SipHostKind.IPv6;
        }
        else
        {
            hostEnd = rest.IndexOfAnyExcept(SipCharacters.HostName);
            if (hostEnd < 0)
            {
                hostEnd = rest.Length;
            }

            if (hostEnd == 0)
            {
                return Fail(out uri);
            }

            hostKind = IsIPv4(rest[..hostEnd]) ? SipHostKind.IPv4 : SipHostKind.Name;
        }

        var host = rest[..hostEnd];
        rest = rest[hostEnd..];
        int port = -1;
        if (!rest.IsEmpty && rest[0] == ':')
        {
            int portEnd = rest[1..].IndexOfAnyExceptInRange((byte)'0', (byte)'9');
            portEnd = portEnd < 0 ? rest.Length : portEnd + 1;
            if (!SipIntegers.TryParseInt32(rest[1..portEnd], 65535, out port))
            {
                return Fail(out uri);
            }

            rest = rest[portEnd..];
        }

        ReadOnlySpan<byte> parameters = default, headers = default;
        if (!rest.IsEmpty)
        {
            if (rest[0] != ';' && rest[0] != '?')
            {
                return Fail(out uri);
            }

            int question = rest.IndexOf((byte)'?');
            parameters = question < 0 ? rest : rest[..question];
            headers = question < 0 ? default : rest[(question + 1)..];
        }

        uri = new SipUri
        {
            Text = text, Scheme = scheme, Kind = kind, Opaque = text[(scheme.Length + 1)..],
            User = user, HasUser = at >= 0, Password = password, Host = host, HostKind = hostKind, Port = port,
            ParametersText = parameters, Headers = headers,
        };
        return true;
    }

    private static uint SipColonLower => BinaryPrimitives.ReadUInt32LittleEndian("sip:"u8);

    /// <summary>The scheme has been checked to hold only scheme characters, so folding case with 0x20 is exact for letters.</summary>
    private static SipUriScheme ClassifyScheme(ReadOnlySpan<byte> scheme)
    {
        switch (scheme.Length)
        {
            case 3:
                int three = (scheme[0] | (scheme[1] << 8) | (scheme[2] << 16)) | 0x202020;
                return three == ('s' | ('i' << 8) | ('p' << 16)) ? SipUriScheme.Sip
                    : three == ('t' | ('e' << 8) | ('l' << 16)) ? SipUriScheme.Tel
                    : SipUriScheme.Other;
            case 4:
                return (BinaryPrimitives.ReadUInt32LittleEndian(scheme) | 0x20202020u) == ('s' | ('i' << 8) | ('p' << 16) | ((uint)'s' << 24))
                    ? SipUriScheme.Sips
                    : SipUriScheme.Other;
            default:
                return SipUriScheme.Other;
        }
    }

    internal static bool IsIPv4(ReadOnlySpan<byte> host)
    {
        // Host names almost never end in a digit (a top label is alphabetic), so most calls end here.
        if (host.Length < 7 || !SipCharacters.IsDigit(host[^1]))
        {
            return false;
        }

        int parts = 0;
        foreach (var range in host.Split((byte)'.'))
        {
            if (!SipIntegers.TryParseInt32(host[range], 255, out _) || host[range].Length > 3)
            {
                return false;
            }

            parts++;
        }

        return parts == 4;
    }

    /// <summary>
    /// Decodes <c>%HH</c> escapes once (so <c>%25%34%31</c> becomes <c>%41</c>, not <c>A</c>). A decoded NUL is kept.
    /// </summary>
    /// <param name="escaped">The raw component.</param>
    /// <param name="destination">Where to write; at most <paramref name="escaped"/>.Length bytes are needed.</param>
    /// <param name="written">How many bytes were written.</param>
    /// <returns>False when an escape is malformed (<c>%</c> not followed by two hex digits) or the destination is too small.</returns>
    public static bool TryUnescape(ReadOnlySpan<byte> escaped, Span<byte> destination, out int written)
    {
        written = 0;
        int i = 0;
        while (i < escaped.Length)
        {
            if (written >= destination.Length)
            {
                written = 0;
                return false;
            }

            byte b = escaped[i];
            if (b != '%')
            {
                destination[written++] = b;
                i++;
                continue;
            }

            if (i + 2 >= escaped.Length)
            {
                written = 0;
                return false;
            }

            int high = HexValue(escaped[i + 1]);
            int low = HexValue(escaped[i + 2]);
            if (high < 0 || low < 0)
            {
                written = 0;
                return false;
            }

            destination[written++] = (byte)((high << 4) | low);
            i += 3;
        }

        return true;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
