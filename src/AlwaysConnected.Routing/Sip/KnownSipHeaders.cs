namespace AlwaysConnected.Routing.Sip;

/// <summary>
/// The one table of the header names the library knows: each <see cref="SipHeaderId"/> with its canonical
/// name and its compact form (RFC 3261 §7.3.3 and later RFCs). Every other name lookup
/// (<see cref="SipHeaderNameLookup"/>, the parser's fast path for common names) is built from it when first
/// used, so a header is added in one place: a value in <see cref="SipHeaderId"/> and a row here.
/// </summary>
internal static class KnownSipHeaders
{
    /// <summary>Every known header, in <see cref="SipHeaderId"/> order (<see cref="SipHeaderId.Extension"/> excluded).</summary>
    public static ReadOnlySpan<KnownSipHeader> All => Table;

    private static readonly KnownSipHeader[] Table =
    [
        new(SipHeaderId.Via, "Via", 'v'),
        new(SipHeaderId.From, "From", 'f'),
        new(SipHeaderId.To, "To", 't'),
        new(SipHeaderId.CallId, "Call-ID", 'i'),
        new(SipHeaderId.CSeq, "CSeq"),
        new(SipHeaderId.Contact, "Contact", 'm'),
        new(SipHeaderId.MaxForwards, "Max-Forwards"),
        new(SipHeaderId.ContentLength, "Content-Length", 'l'),
        new(SipHeaderId.ContentType, "Content-Type", 'c'),
        new(SipHeaderId.Route, "Route"),
        new(SipHeaderId.RecordRoute, "Record-Route"),
        new(SipHeaderId.Supported, "Supported", 'k'),
        new(SipHeaderId.Require, "Require"),
        new(SipHeaderId.ProxyRequire, "Proxy-Require"),
        new(SipHeaderId.Subject, "Subject", 's'),
        new(SipHeaderId.ContentEncoding, "Content-Encoding", 'e'),
        new(SipHeaderId.Event, "Event", 'o'),
        new(SipHeaderId.ReferTo, "Refer-To", 'r'),
        new(SipHeaderId.ReferredBy, "Referred-By", 'b'),
        new(SipHeaderId.AllowEvents, "Allow-Events", 'u'),
        new(SipHeaderId.SessionExpires, "Session-Expires", 'x'),
        new(SipHeaderId.Identity, "Identity", 'y'),
        new(SipHeaderId.Allow, "Allow"),
        new(SipHeaderId.Authorization, "Authorization"),
        new(SipHeaderId.ProxyAuthorization, "Proxy-Authorization"),
        new(SipHeaderId.WwwAuthenticate, "WWW-Authenticate"),
        new(SipHeaderId.ProxyAuthenticate, "Proxy-Authenticate"),
        new(SipHeaderId.Expires, "Expires"),
        new(SipHeaderId.UserAgent, "User-Agent"),
        new(SipHeaderId.Accept, "Accept"),
        new(SipHeaderId.Date, "Date"),
        new(SipHeaderId.AcceptEncoding, "Accept-Encoding"),
        new(SipHeaderId.AcceptLanguage, "Accept-Language"),
        new(SipHeaderId.AlertInfo, "Alert-Info"),
        new(SipHeaderId.AuthenticationInfo, "Authentication-Info"),
        new(SipHeaderId.CallInfo, "Call-Info"),
        new(SipHeaderId.ContentDisposition, "Content-Disposition"),
        new(SipHeaderId.ContentLanguage, "Content-Language"),
        new(SipHeaderId.ErrorInfo, "Error-Info"),
        new(SipHeaderId.InReplyTo, "In-Reply-To"),
        new(SipHeaderId.MimeVersion, "MIME-Version"),
        new(SipHeaderId.MinExpires, "Min-Expires"),
        new(SipHeaderId.MinSE, "Min-SE"),
        new(SipHeaderId.Organization, "Organization"),
        new(SipHeaderId.Priority, "Priority"),
        new(SipHeaderId.ReplyTo, "Reply-To"),
        new(SipHeaderId.RetryAfter, "Retry-After"),
        new(SipHeaderId.Server, "Server"),
        new(SipHeaderId.Timestamp, "Timestamp"),
        new(SipHeaderId.Unsupported, "Unsupported"),
        new(SipHeaderId.Warning, "Warning"),
        new(SipHeaderId.RSeq, "RSeq"),
        new(SipHeaderId.RAck, "RAck"),
        new(SipHeaderId.Path, "Path"),
        new(SipHeaderId.ServiceRoute, "Service-Route"),
        new(SipHeaderId.Privacy, "Privacy"),
        new(SipHeaderId.PAssertedIdentity, "P-Asserted-Identity"),
        new(SipHeaderId.PPreferredIdentity, "P-Preferred-Identity"),
        new(SipHeaderId.Diversion, "Diversion"),
        new(SipHeaderId.HistoryInfo, "History-Info"),
        new(SipHeaderId.Reason, "Reason"),
        new(SipHeaderId.Replaces, "Replaces"),
        new(SipHeaderId.SubscriptionState, "Subscription-State"),
        new(SipHeaderId.Join, "Join"),
    ];
}

/// <summary>One known header: its id, canonical name and compact form (<c>'\0'</c> when it has none).</summary>
internal readonly record struct KnownSipHeader(SipHeaderId Id, string Name, char Compact = '\0');
