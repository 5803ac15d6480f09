using System.Buffers.Binary;

namespace AlwaysConnected.Routing.Sip;

/// <summary>
/// One Via element: <c>SIP/2.0/UDP host:port;branch=…;received=…;rport</c>. LWS is allowed around the slashes and
/// the colon (RFC 3261 §25.1 SLASH and COLON).
/// </summary>
public readonly ref struct ViaHeader
{
    /// <summary>The protocol name, normally <c>SIP</c>.</summary>
    public ReadOnlySpan<byte> ProtocolName { get; private init; }

    /// <summary>The protocol version, normally <c>2.0</c>.</summary>
    public ReadOnlySpan<byte> ProtocolVersion { get; private init; }

    /// <summary>The transport token (UDP, TCP, TLS, SCTP, WS, WSS or an extension).</summary>
    public ReadOnlySpan<byte> Transport { get; private init; }

    /// <summary>The sent-by host (an IPv6 reference keeps its brackets).</summary>
    public ReadOnlySpan<byte> Host { get; private init; }

    /// <summary>The sent-by port, or -1 when absent.</summary>
    public int Port { get; private init; }

    /// <summary>The parameters text, including the leading <c>;</c>.</summary>
    public ReadOnlySpan<byte> ParametersText { get; private init; }

    /// <summary>All Via parameters.</summary>
    public SipParameters Parameters => new(ParametersText);

    /// <summary>The branch parameter value, empty when absent.</summary>
    public ReadOnlySpan<byte> Branch => IsBranchKnown ? KnownBranch : Parameters.TryGetValue("branch"u8, out var v) ? v : default;

    /// <summary>The branch value the single-pass reader found while checking the parameters (valid when <see cref="IsBranchKnown"/>).</summary>
    private ReadOnlySpan<byte> KnownBranch { get; init; }

    /// <summary>Whether the parameters were already searched for the branch, so <see cref="Branch"/> needs no second pass.</summary>
    private bool IsBranchKnown { get; init; }

    /// <summary>The received parameter value, empty when absent.</summary>
    public ReadOnlySpan<byte> Received => Parameters.TryGetValue("received"u8, out var v) ? v : default;

    /// <summary>Whether an <c>rport</c> parameter is present (with or without value).</summary>
    public bool HasRPort => Parameters.Contains("rport"u8);

    /// <summary>The rport value, empty when absent or value-less.</summary>
    public ReadOnlySpan<byte> RPort => Parameters.TryGetValue("rport"u8, out var v) ? v : default;

    /// <summary>Reads one Via element (one item of the comma-separated list).</summary>
    /// <param name="value">The element text.</param>
    /// <param name="via">The parts.</param>
    /// <returns>False when the sent-protocol, host, port or parameters are malformed.</returns>
    public static bool TryParse(ReadOnlySpan<byte> value, out ViaHeader via)
    {
        if (TryParseCommon(value, out via))
        {
            return true;
        }

        return TryParseGeneral(value, out via);
    }

    /// <summary>
    /// One pass over the usual shape, <c>SIP/2.0/TRANSPORT SP host[:port][;plain-params]</c>, finding the branch on
    /// the way. Anything else (LWS other than the single SP, brackets, quotes, commas, a doubtful port or
    /// parameter) returns false without judging it: the general reader then decides, so both accept and reject
    /// exactly the same elements.
    /// </summary>
    private static bool TryParseCommon(ReadOnlySpan<byte> value, out ViaHeader via)
    {
        via = default;
        int n = value.Length;
        if (!StartsWithSip20(value))
        {
            return false;
        }

        int i = 8;
        while (i < n && SipCharacterClass.Is(value[i], SipCharacterClass.Token))
        {
            i++;
        }

        if (i == 8 || i >= n || value[i] != ' ')
        {
            return false;
        }

        int transportEnd = i++;
        int hostStart = i;
        while (i < n && SipCharacterClass.Is(value[i], SipCharacterClass.HostName))
        {
            i++;
        }

        if (i == hostStart)
        {
            return false;
        }

        int hostEnd = i;
        int port = -1;
        if (i < n && value[i] == ':')
        {
            int digitsStart = ++i;
            port = 0;
            while (i < n && SipCharacters.IsDigit(value[i]) && i - digitsStart < 5)
            {
                port = (port * 10) + (value[i] - '0');
                i++;
            }

            if (i == digitsStart || port > 65535 || (i < n && SipCharacters.IsDigit(value[i])))
            {
                return false;
            }
        }

        var parameters = value[i..];
        ReadOnlySpan<byte> branch = default;
        if (i < n)
        {
            if (value[i] != ';' || !PlainParameterScanner.TryScan(parameters, "branch"u8, out branch))
            {
                return false;
            }
        }

        via = new ViaHeader
        {
            ProtocolName = value[..3], ProtocolVersion = value[4..7], Transport = value[8..transportEnd],
            Host = value[hostStart..hostEnd], Port = port, ParametersText = parameters,
            KnownBranch = branch, IsBranchKnown = true,
        };
        return true;
    }

    private static bool TryParseGeneral(ReadOnlySpan<byte> value, out ViaHeader via)
    {
        via = default;
        var rest = SipCharacters.TrimLws(value);
        ReadOnlySpan<byte> name, version, transport;
        if (StartsWithSip20(rest))
        {
            // Nearly every Via starts "SIP/2.0/": skip two token scans and two slash checks.
            name = rest[..3];
            version = rest[4..7];
            rest = rest[8..];
            if (!TakeToken(ref rest, out transport))
            {
                return false;
            }
        }
        else if (!TakeToken(ref rest, out name) || !TakeSlash(ref rest)
            || !TakeToken(ref rest, out version) || !TakeSlash(ref rest)
            || !TakeToken(ref rest, out transport))
        {
            return false;
        }

        var afterTransport = rest;
        rest = SipCharacters.TrimLws(rest);
        if (rest.Length == afterTransport.Length || rest.IsEmpty)
        {
            return false;
        }

        int hostEnd;
        if (rest[0] == '[')
        {
            hostEnd = rest.IndexOf((byte)']') + 1;
            if (hostEnd < 3 || rest[1..(hostEnd - 1)].ContainsAnyExcept(SipCharacters.IPv6))
            {
                return false;
            }
        }
        else
        {
            hostEnd = rest.IndexOfAnyExcept(SipCharacters.HostName);
            if (hostEnd < 0)
            {
                hostEnd = rest.Length;
            }
        }

        if (hostEnd == 0)
        {
            return false;
        }

        var host = rest[..hostEnd];
        rest = SipCharacters.TrimLws(rest[hostEnd..]);
        int port = -1;
        if (!rest.IsEmpty && rest[0] == ':')
        {
            rest = SipCharacters.TrimLws(rest[1..]);
            int digits = rest.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
            if (digits < 0)
            {
                digits = rest.Length;
            }

            if (!SipIntegers.TryParseInt32(rest[..digits], 65535, out port))
            {
                return false;
            }

            rest = SipCharacters.TrimLws(rest[digits..]);
        }

        if (!rest.IsEmpty && rest[0] != ';')
        {
            return false;
        }

        if (!new SipParameters(rest).IsWellFormed())
        {
            return false;
        }

        via = new ViaHeader
        {
            ProtocolName = name, ProtocolVersion = version, Transport = transport,
            Host = host, Port = port, ParametersText = rest,
        };
        return true;
    }

    /// <summary><c>SIP/2.0/</c> in any case; only the letters are folded, so no other byte can pass for <c>/</c> or <c>.</c>.</summary>
    private static bool StartsWithSip20(ReadOnlySpan<byte> text) =>
        text.Length > 8 && (BinaryPrimitives.ReadUInt64LittleEndian(text) | 0x2020_20u) == Sip20Lower;

    private static ulong Sip20Lower => BinaryPrimitives.ReadUInt64LittleEndian("sip/2.0/"u8);

    private static bool TakeToken(scoped ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> token)
    {
        rest = SipCharacters.TrimLws(rest);
        int end = rest.IndexOfAnyExcept(SipCharacters.Token);
        if (end < 0)
        {
            end = rest.Length;
        }

        token = rest[..end];
        rest = rest[end..];
        return end > 0;
    }

    private static bool TakeSlash(scoped ref ReadOnlySpan<byte> rest)
    {
        rest = SipCharacters.TrimLws(rest);
        if (rest.IsEmpty || rest[0] != '/')
        {
            return false;
        }

        rest = rest[1..];
        return true;
    }
}
