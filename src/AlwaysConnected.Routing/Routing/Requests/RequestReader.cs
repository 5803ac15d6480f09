using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Requests;

/// <summary>
/// The few reads both rule engines make of a parsed request, in one place: header by name or id (first
/// occurrence), the addr-spec, user, host:port and display name inside a header value. Both engines read
/// through here rather than parsing header text themselves, so a request reads the same to either.
/// </summary>
internal static class RequestReader
{
    public static bool TryGetFirstHeaderValue(SipMessage message, ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value) =>
        TryGetFirstHeaderValue(message, SipHeaderNameLookup.GetId(name), name, out value);

    /// <summary>The first value of a header whose id was resolved at load time (extension headers by name).</summary>
    public static bool TryGetFirstHeaderValue(SipMessage message, SipHeaderId id, ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        if (id != SipHeaderId.Extension ? message.TryGetHeader(id, out var header) : message.TryGetHeader(name, out header))
        {
            value = message.GetValue(header);
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>
    /// The first value of a name-addr header (To, From) and the URI inside it; false when the header is
    /// absent or its value does not parse (then <paramref name="uri"/> is empty).
    /// </summary>
    public static bool TryGetAddressHeader(SipMessage message, SipHeaderId id, out ReadOnlySpan<byte> value, out ReadOnlySpan<byte> uri)
    {
        uri = default;
        value = default;
        if (!message.TryGetHeader(id, out var header))
        {
            return false;
        }

        value = message.GetValue(header);
        return TryGetUri(value, out uri);
    }

    /// <summary>The URI inside a name-addr or addr-spec header value: no display name, no <c>&lt;&gt;</c>, no header parameters.</summary>
    public static bool TryGetUri(ReadOnlySpan<byte> headerValue, out ReadOnlySpan<byte> uri)
    {
        if (NameAddress.TryParse(headerValue, out var address))
        {
            uri = address.AddrSpec;
            return true;
        }

        uri = default;
        return false;
    }

    /// <summary>The user part of the SIP URI inside a header value (or of a bare URI).</summary>
    public static bool TryGetUser(ReadOnlySpan<byte> headerValueOrUri, out ReadOnlySpan<byte> user)
    {
        user = default;
        if (!TryGetUri(headerValueOrUri, out var uri) || !SipUri.TryParse(uri, out var parsed) || parsed.User.IsEmpty)
        {
            return false;
        }

        user = parsed.User;
        return true;
    }

    /// <summary>The host (and port, when present) of the SIP URI inside a header value or a bare URI.</summary>
    public static bool TryGetHostPort(ReadOnlySpan<byte> headerValueOrUri, out ReadOnlySpan<byte> host, out int port)
    {
        host = default;
        port = -1;
        if (!TryGetUri(headerValueOrUri, out var uri) || !SipUri.TryParse(uri, out var parsed))
        {
            return false;
        }

        host = parsed.Host;
        port = parsed.Port;
        return !host.IsEmpty;
    }

    /// <summary>The display name of a name-addr header value; false when it has none.</summary>
    public static bool TryGetDisplayName(ReadOnlySpan<byte> headerValue, out ReadOnlySpan<byte> displayName)
    {
        displayName = default;
        if (!NameAddress.TryParse(headerValue, out var address) || address.DisplayName.IsEmpty)
        {
            return false;
        }

        displayName = address.DisplayName;
        return true;
    }
}
