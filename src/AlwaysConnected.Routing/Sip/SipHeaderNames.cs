using System.Text;

namespace AlwaysConnected.Routing.Sip;

/// <summary>Maps header names (long or compact form, any case) to <see cref="SipHeaderId"/> and back.</summary>
public static class SipHeaderNames
{
    /// <summary>The number of <see cref="SipHeaderId"/> values including <see cref="SipHeaderId.Extension"/>.</summary>
    internal const int IdCount = (int)SipHeaderId.Join + 1;

    /// <summary>Classifies a header name. Dispatches on length and first byte so that no string is built or hashed.</summary>
    /// <param name="name">The header field name as it appears before the colon, without surrounding whitespace.</param>
    /// <returns>The known id, or <see cref="SipHeaderId.Extension"/>.</returns>
    public static SipHeaderId GetId(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty)
        {
            return SipHeaderId.Extension;
        }

        // ASCII letters only differ by 0x20 between cases; other bytes never match a letter after this.
        byte first = (byte)(name[0] | 0x20);
        switch (name.Length)
        {
            case 1:
                return GetCompactId(first);
            case 2:
                switch (first)
                {
                    case (byte)'t':
                        if (Ascii.EqualsIgnoreCase(name, "To"u8)) return SipHeaderId.To;
                        break;
                }

                break;
            case 3:
                switch (first)
                {
                    case (byte)'v':
                        if (Ascii.EqualsIgnoreCase(name, "Via"u8)) return SipHeaderId.Via;
                        break;
                }

                break;
            case 4:
                switch (first)
                {
                    case (byte)'c':
                        if (Ascii.EqualsIgnoreCase(name, "CSeq"u8)) return SipHeaderId.CSeq;
                        break;
                    case (byte)'d':
                        if (Ascii.EqualsIgnoreCase(name, "Date"u8)) return SipHeaderId.Date;
                        break;
                    case (byte)'f':
                        if (Ascii.EqualsIgnoreCase(name, "From"u8)) return SipHeaderId.From;
                        break;
                    case (byte)'j':
                        if (Ascii.EqualsIgnoreCase(name, "Join"u8)) return SipHeaderId.Join;
                        break;
                    case (byte)'p':
                        if (Ascii.EqualsIgnoreCase(name, "Path"u8)) return SipHeaderId.Path;
                        break;
                    case (byte)'r':
                        if (Ascii.EqualsIgnoreCase(name, "RSeq"u8)) return SipHeaderId.RSeq;
                        if (Ascii.EqualsIgnoreCase(name, "RAck"u8)) return SipHeaderId.RAck;
                        break;
                }

                break;
            case 5:
                switch (first)
                {
                    case (byte)'a':
                        if (Ascii.EqualsIgnoreCase(name, "Allow"u8)) return SipHeaderId.Allow;
                        break;
                    case (byte)'e':
                        if (Ascii.EqualsIgnoreCase(name, "Event"u8)) return SipHeaderId.Event;
                        break;
                    case (byte)'r':
                        if (Ascii.EqualsIgnoreCase(name, "Route"u8)) return SipHeaderId.Route;
                        break;
                }

                break;
            case 6:
                switch (first)
                {
                    case (byte)'a':
                        if (Ascii.EqualsIgnoreCase(name, "Accept"u8)) return SipHeaderId.Accept;
                        break;
                    case (byte)'m':
                        if (Ascii.EqualsIgnoreCase(name, "Min-SE"u8)) return SipHeaderId.MinSE;
                        break;
                    case (byte)'r':
                        if (Ascii.EqualsIgnoreCase(name, "Reason"u8)) return SipHeaderId.Reason;
                        break;
                    case (byte)'s':
                        if (Ascii.EqualsIgnoreCase(name, "Server"u8)) return SipHeaderId.Server;
                        break;
                }

                break;
            case 7:
                switch (first)
                {
                    case (byte)'c':
                        if (Ascii.EqualsIgnoreCase(name, "Call-ID"u8)) return SipHeaderId.CallId;
                        if (Ascii.EqualsIgnoreCase(name, "Contact"u8)) return SipHeaderId.Contact;
                        break;
                    case (byte)'e':
                        if (Ascii.EqualsIgnoreCase(name, "Expires"u8)) return SipHeaderId.Expires;
                        break;
                    case (byte)'p':
                        if (Ascii.EqualsIgnoreCase(name, "Privacy"u8)) return SipHeaderId.Privacy;
                        break;
                    case (byte)'r':
                        if (Ascii.EqualsIgnoreCase(name, "Require"u8)) return SipHeaderId.Require;
                        break;
                    case (byte)'s':
                        if (Ascii.EqualsIgnoreCase(name, "Subject"u8)) return SipHeaderId.Subject;
                        break;
                    case (byte)'w':
                        if (Ascii.EqualsIgnoreCase(name, "Warning"u8)) return SipHeaderId.Warning;
                        break;
                }

                break;
            case 8:
                switch (first)
                {
                    case (byte)'i':
                        if (Ascii.EqualsIgnoreCase(name, "Identity"u8)) return SipHeaderId.Identity;
                        break;
                    case (byte)'p':
                        if (Ascii.EqualsIgnoreCase(name, "Priority"u8)) return SipHeaderId.Priority;
                        break;
                    case (byte)'r':
                        if (Ascii.EqualsIgnoreCase(name, "Refer-To"u8)) return SipHeaderId.ReferTo;
                        if (Ascii.EqualsIgnoreCase(name, "Reply-To"u8)) return SipHeaderId.ReplyTo;
                        if (Ascii.EqualsIgnoreCase(name, "Replaces"u8)) return SipHeaderId.Replaces;
                        break;
                }

                break;
            case 9:
                switch (first)
                {
                    case (byte)'c':
                        if (Ascii.EqualsIgnoreCase(name, "Call-Info"u8)) return SipHeaderId.CallInfo;
                        break;
                    case (byte)'d':
                        if (Ascii.EqualsIgnoreCase(name, "Diversion"u8)) return SipHeaderId.Diversion;
                        break;
                    case (byte)'s':
                        if (Ascii.EqualsIgnoreCase(name, "Supported"u8)) return SipHeaderId.Supported;
                        break;
                    case (byte)'t':
                        if (Ascii.EqualsIgnoreCase(name, "Timestamp"u8)) return SipHeaderId.Timestamp;
                        break;
                }

                break;
            case 10:
                switch (first)
                {
                    case (byte)'a':
                        if (Ascii.EqualsIgnoreCase(name, "Alert-Info"u8)) return SipHeaderId.AlertInfo;
                        break;
                    case (byte)'e':
                        if (Ascii.EqualsIgnoreCase(name, "Error-Info"u8)) return SipHeaderId.ErrorInfo;
                        break;
                    case (byte)'u':
                        if (Ascii.EqualsIgnoreCase(name, "User-Agent"u8)) return SipHeaderId.UserAgent;
                        break;
                }

                break;
            case 11:
                switch (first)
                {
                    case (byte)'i':
                        if (Ascii.EqualsIgnoreCase(name, "In-Reply-To"u8)) return SipHeaderId.InReplyTo;
                        break;
                    case (byte)'m':
                        if (Ascii.EqualsIgnoreCase(name, "Min-Expires"u8)) return SipHeaderId.MinExpires;
                        break;
                    case (byte)'r':
                        if (Ascii.EqualsIgnoreCase(name, "Referred-By"u8)) return SipHeaderId.ReferredBy;
                        if (Ascii.EqualsIgnoreCase(name, "Retry-After"u8)) return SipHeaderId.RetryAfter;
                        break;
                    case (byte)'u':
                        if (Ascii.EqualsIgnoreCase(name, "Unsupported"u8)) return SipHeaderId.Unsupported;
                        break;
                }

                break;
            case 12:
                switch (first)
                {
                    case (byte)'a':
                        if (Ascii.EqualsIgnoreCase(name, "Allow-Events"u8)) return SipHeaderId.AllowEvents;
                        break;
                    case (byte)'c':
                        if (Ascii.EqualsIgnoreCase(name, "Content-Type"u8)) return SipHeaderId.ContentType;
                        break;
                    case (byte)'h':
                        if (Ascii.EqualsIgnoreCase(name, "History-Info"u8)) return SipHeaderId.HistoryInfo;
                        break;
                    case (byte)'m':
                        if (Ascii.EqualsIgnoreCase(name, "Max-Forwards"u8)) return SipHeaderId.MaxForwards;
                        if (Ascii.EqualsIgnoreCase(name, "MIME-Version"u8)) return SipHeaderId.MimeVersion;
                        break;
                    case (byte)'o':
                        if (Ascii.EqualsIgnoreCase(name, "Organization"u8)) return SipHeaderId.Organization;
                        break;
                    case (byte)'r':
                        if (Ascii.EqualsIgnoreCase(name, "Record-Route"u8)) return SipHeaderId.RecordRoute;
                        break;
                }

                break;
            case 13:
                switch (first)
                {
                    case (byte)'a':
                        if (Ascii.EqualsIgnoreCase(name, "Authorization"u8)) return SipHeaderId.Authorization;
                        break;
                    case (byte)'p':
                        if (Ascii.EqualsIgnoreCase(name, "Proxy-Require"u8)) return SipHeaderId.ProxyRequire;
                        break;
                    case (byte)'s':
                        if (Ascii.EqualsIgnoreCase(name, "Service-Route"u8)) return SipHeaderId.ServiceRoute;
                        break;
                }

                break;
            case 14:
                switch (first)
                {
                    case (byte)'c':
                        if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8)) return SipHeaderId.ContentLength;
                        break;
                }

                break;
            case 15:
                switch (first)
                {
                    case (byte)'a':
                        if (Ascii.EqualsIgnoreCase(name, "Accept-Encoding"u8)) return SipHeaderId.AcceptEncoding;
                        if (Ascii.EqualsIgnoreCase(name, "Accept-Language"u8)) return SipHeaderId.AcceptLanguage;
                        break;
                    case (byte)'s':
                        if (Ascii.EqualsIgnoreCase(name, "Session-Expires"u8)) return SipHeaderId.SessionExpires;
                        break;
                }

                break;
            case 16:
                switch (first)
                {
                    case (byte)'c':
                        if (Ascii.EqualsIgnoreCase(name, "Content-Encoding"u8)) return SipHeaderId.ContentEncoding;
                        if (Ascii.EqualsIgnoreCase(name, "Content-Language"u8)) return SipHeaderId.ContentLanguage;
                        break;
                    case (byte)'w':
                        if (Ascii.EqualsIgnoreCase(name, "WWW-Authenticate"u8)) return SipHeaderId.WwwAuthenticate;
                        break;
                }

                break;
            case 18:
                switch (first)
                {
                    case (byte)'p':
                        if (Ascii.EqualsIgnoreCase(name, "Proxy-Authenticate"u8)) return SipHeaderId.ProxyAuthenticate;
                        break;
                    case (byte)'s':
                        if (Ascii.EqualsIgnoreCase(name, "Subscription-State"u8)) return SipHeaderId.SubscriptionState;
                        break;
                }

                break;
            case 19:
                switch (first)
                {
                    case (byte)'a':
                        if (Ascii.EqualsIgnoreCase(name, "Authentication-Info"u8)) return SipHeaderId.AuthenticationInfo;
                        break;
                    case (byte)'c':
                        if (Ascii.EqualsIgnoreCase(name, "Content-Disposition"u8)) return SipHeaderId.ContentDisposition;
                        break;
                    case (byte)'p':
                        if (Ascii.EqualsIgnoreCase(name, "Proxy-Authorization"u8)) return SipHeaderId.ProxyAuthorization;
                        if (Ascii.EqualsIgnoreCase(name, "P-Asserted-Identity"u8)) return SipHeaderId.PAssertedIdentity;
                        break;
                }

                break;
            case 20:
                switch (first)
                {
                    case (byte)'p':
                        if (Ascii.EqualsIgnoreCase(name, "P-Preferred-Identity"u8)) return SipHeaderId.PPreferredIdentity;
                        break;
                }

                break;
        }

        return SipHeaderId.Extension;
    }

    /// <summary>The canonical long name of a known header; empty for <see cref="SipHeaderId.Extension"/>.</summary>
    /// <param name="id">The header id.</param>
    /// <returns>The canonical name as ASCII bytes.</returns>
    public static ReadOnlySpan<byte> GetCanonicalName(SipHeaderId id) => id switch
    {
        SipHeaderId.Via => "Via"u8,
        SipHeaderId.From => "From"u8,
        SipHeaderId.To => "To"u8,
        SipHeaderId.CallId => "Call-ID"u8,
        SipHeaderId.CSeq => "CSeq"u8,
        SipHeaderId.Contact => "Contact"u8,
        SipHeaderId.MaxForwards => "Max-Forwards"u8,
        SipHeaderId.ContentLength => "Content-Length"u8,
        SipHeaderId.ContentType => "Content-Type"u8,
        SipHeaderId.Route => "Route"u8,
        SipHeaderId.RecordRoute => "Record-Route"u8,
        SipHeaderId.Supported => "Supported"u8,
        SipHeaderId.Require => "Require"u8,
        SipHeaderId.ProxyRequire => "Proxy-Require"u8,
        SipHeaderId.Subject => "Subject"u8,
        SipHeaderId.ContentEncoding => "Content-Encoding"u8,
        SipHeaderId.Event => "Event"u8,
        SipHeaderId.ReferTo => "Refer-To"u8,
        SipHeaderId.ReferredBy => "Referred-By"u8,
        SipHeaderId.AllowEvents => "Allow-Events"u8,
        SipHeaderId.SessionExpires => "Session-Expires"u8,
        SipHeaderId.Identity => "Identity"u8,
        SipHeaderId.Allow => "Allow"u8,
        SipHeaderId.Authorization => "Authorization"u8,
        SipHeaderId.ProxyAuthorization => "Proxy-Authorization"u8,
        SipHeaderId.WwwAuthenticate => "WWW-Authenticate"u8,
        SipHeaderId.ProxyAuthenticate => "Proxy-Authenticate"u8,
        SipHeaderId.Expires => "Expires"u8,
        SipHeaderId.UserAgent => "User-Agent"u8,
        SipHeaderId.Accept => "Accept"u8,
        SipHeaderId.Date => "Date"u8,
        SipHeaderId.AcceptEncoding => "Accept-Encoding"u8,
        SipHeaderId.AcceptLanguage => "Accept-Language"u8,
        SipHeaderId.AlertInfo => "Alert-Info"u8,
        SipHeaderId.AuthenticationInfo => "Authentication-Info"u8,
        SipHeaderId.CallInfo => "Call-Info"u8,
        SipHeaderId.ContentDisposition => "Content-Disposition"u8,
        SipHeaderId.ContentLanguage => "Content-Language"u8,
        SipHeaderId.ErrorInfo => "Error-Info"u8,
        SipHeaderId.InReplyTo => "In-Reply-To"u8,
        SipHeaderId.MimeVersion => "MIME-Version"u8,
        SipHeaderId.MinExpires => "Min-Expires"u8,
        SipHeaderId.MinSE => "Min-SE"u8,
        SipHeaderId.Organization => "Organization"u8,
        SipHeaderId.Priority => "Priority"u8,
        SipHeaderId.ReplyTo => "Reply-To"u8,
        SipHeaderId.RetryAfter => "Retry-After"u8,
        SipHeaderId.Server => "Server"u8,
        SipHeaderId.Timestamp => "Timestamp"u8,
        SipHeaderId.Unsupported => "Unsupported"u8,
        SipHeaderId.Warning => "Warning"u8,
        SipHeaderId.RSeq => "RSeq"u8,
        SipHeaderId.RAck => "RAck"u8,
        SipHeaderId.Path => "Path"u8,
        SipHeaderId.ServiceRoute => "Service-Route"u8,
        SipHeaderId.Privacy => "Privacy"u8,
        SipHeaderId.PAssertedIdentity => "P-Asserted-Identity"u8,
        SipHeaderId.PPreferredIdentity => "P-Preferred-Identity"u8,
        SipHeaderId.Diversion => "Diversion"u8,
        SipHeaderId.HistoryInfo => "History-Info"u8,
        SipHeaderId.Reason => "Reason"u8,
        SipHeaderId.Replaces => "Replaces"u8,
        SipHeaderId.SubscriptionState => "Subscription-State"u8,
        SipHeaderId.Join => "Join"u8,
        _ => default,
    };

    /// <summary>The single-letter compact form of a header (RFC 3261 §7.3.3 and later RFCs), or empty when it has none.</summary>
    /// <param name="id">The header id.</param>
    /// <returns>The compact name as one lowercase ASCII byte, or an empty span.</returns>
    public static ReadOnlySpan<byte> GetCompactName(SipHeaderId id) => id switch
    {
        SipHeaderId.Via => "v"u8,
        SipHeaderId.From => "f"u8,
        SipHeaderId.To => "t"u8,
        SipHeaderId.CallId => "i"u8,
        SipHeaderId.Contact => "m"u8,
        SipHeaderId.ContentLength => "l"u8,
        SipHeaderId.ContentType => "c"u8,
        SipHeaderId.Supported => "k"u8,
        SipHeaderId.Subject => "s"u8,
        SipHeaderId.ContentEncoding => "e"u8,
        SipHeaderId.Event => "o"u8,
        SipHeaderId.ReferTo => "r"u8,
        SipHeaderId.ReferredBy => "b"u8,
        SipHeaderId.AllowEvents => "u"u8,
        SipHeaderId.SessionExpires => "x"u8,
        SipHeaderId.Identity => "y"u8,
        _ => default,
    };

    private static SipHeaderId GetCompactId(byte lower) => lower switch
    {
        (byte)'v' => SipHeaderId.Via,
        (byte)'f' => SipHeaderId.From,
        (byte)'t' => SipHeaderId.To,
        (byte)'i' => SipHeaderId.CallId,
        (byte)'m' => SipHeaderId.Contact,
        (byte)'l' => SipHeaderId.ContentLength,
        (byte)'c' => SipHeaderId.ContentType,
        (byte)'k' => SipHeaderId.Supported,
        (byte)'s' => SipHeaderId.Subject,
        (byte)'e' => SipHeaderId.ContentEncoding,
        (byte)'o' => SipHeaderId.Event,
        (byte)'r' => SipHeaderId.ReferTo,
        (byte)'b' => SipHeaderId.ReferredBy,
        (byte)'u' => SipHeaderId.AllowEvents,
        (byte)'x' => SipHeaderId.SessionExpires,
        (byte)'y' => SipHeaderId.Identity,
        _ => SipHeaderId.Extension,
    };
}
