using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.DialPlan.Evaluation;

/// <summary>
/// The few reads the rule engines make of a parsed request, in one place: header by name (first
/// occurrence), the addr-spec, user and display name inside a header value.
/// </summary>
internal static class MessageAccess
{
    public static bool TryGetFirstHeaderValue(SipMessage message, ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value) =>
        TryGetFirstHeaderValue(message, SipHeaderNames.GetId(name), name, out value);

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
