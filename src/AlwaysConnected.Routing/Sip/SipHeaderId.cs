namespace AlwaysConnected.Routing.Sip;

/// <summary>Identifies a header field the parser knows by name (long or compact form, case-insensitive).</summary>
/// <remarks>Values are stable within a release; <see cref="Extension"/> means any other header, read its name from the message.</remarks>
public enum SipHeaderId
{
    /// <summary>An extension (unknown) header; compare its name bytes.</summary>
    Extension = 0,

    /// <summary><c>Via</c>. Compact form <c>v</c>.</summary>
    Via,

    /// <summary><c>From</c>. Compact form <c>f</c>.</summary>
    From,

    /// <summary><c>To</c>. Compact form <c>t</c>.</summary>
    To,

    /// <summary><c>Call-ID</c>. Compact form <c>i</c>.</summary>
    CallId,

    /// <summary><c>CSeq</c>.</summary>
    CSeq,

    /// <summary><c>Contact</c>. Compact form <c>m</c>.</summary>
    Contact,

    /// <summary><c>Max-Forwards</c>.</summary>
    MaxForwards,

    /// <summary><c>Content-Length</c>. Compact form <c>l</c>.</summary>
    ContentLength,

    /// <summary><c>Content-Type</c>. Compact form <c>c</c>.</summary>
    ContentType,

    /// <summary><c>Route</c>.</summary>
    Route,

    /// <summary><c>Record-Route</c>.</summary>
    RecordRoute,

    /// <summary><c>Supported</c>. Compact form <c>k</c>.</summary>
    Supported,

    /// <summary><c>Require</c>.</summary>
    Require,

    /// <summary><c>Proxy-Require</c>.</summary>
    ProxyRequire,

    /// <summary><c>Subject</c>. Compact form <c>s</c>.</summary>
    Subject,

    /// <summary><c>Content-Encoding</c>. Compact form <c>e</c>.</summary>
    ContentEncoding,

    /// <summary><c>Event</c>. Compact form <c>o</c>.</summary>
    Event,

    /// <summary><c>Refer-To</c>. Compact form <c>r</c>.</summary>
    ReferTo,

    /// <summary><c>Referred-By</c>. Compact form <c>b</c>.</summary>
    ReferredBy,

    /// <summary><c>Allow-Events</c>. Compact form <c>u</c>.</summary>
    AllowEvents,

    /// <summary><c>Session-Expires</c>. Compact form <c>x</c>.</summary>
    SessionExpires,

    /// <summary><c>Identity</c>. Compact form <c>y</c>.</summary>
    Identity,

    /// <summary><c>Allow</c>.</summary>
    Allow,

    /// <summary><c>Authorization</c>.</summary>
    Authorization,

    /// <summary><c>Proxy-Authorization</c>.</summary>
    ProxyAuthorization,

    /// <summary><c>WWW-Authenticate</c>.</summary>
    WwwAuthenticate,

    /// <summary><c>Proxy-Authenticate</c>.</summary>
    ProxyAuthenticate,

    /// <summary><c>Expires</c>.</summary>
    Expires,

    /// <summary><c>User-Agent</c>.</summary>
    UserAgent,

    /// <summary><c>Accept</c>.</summary>
    Accept,

    /// <summary><c>Date</c>.</summary>
    Date,

    /// <summary><c>Accept-Encoding</c>.</summary>
    AcceptEncoding,

    /// <summary><c>Accept-Language</c>.</summary>
    AcceptLanguage,

    /// <summary><c>Alert-Info</c>.</summary>
    AlertInfo,

    /// <summary><c>Authentication-Info</c>.</summary>
    AuthenticationInfo,

    /// <summary><c>Call-Info</c>.</summary>
    CallInfo,

    /// <summary><c>Content-Disposition</c>.</summary>
    ContentDisposition,

    /// <summary><c>Content-Language</c>.</summary>
    ContentLanguage,

    /// <summary><c>Error-Info</c>.</summary>
    ErrorInfo,

    /// <summary><c>In-Reply-To</c>.</summary>
    InReplyTo,

    /// <summary><c>MIME-Version</c>.</summary>
    MimeVersion,

    /// <summary><c>Min-Expires</c>.</summary>
    MinExpires,

    /// <summary><c>Min-SE</c>.</summary>
    MinSE,

    /// <summary><c>Organization</c>.</summary>
    Organization,

    /// <summary><c>Priority</c>.</summary>
    Priority,

    /// <summary><c>Reply-To</c>.</summary>
    ReplyTo,

    /// <summary><c>Retry-After</c>.</summary>
    RetryAfter,

    /// <summary><c>Server</c>.</summary>
    Server,

    /// <summary><c>Timestamp</c>.</summary>
    Timestamp,

    /// <summary><c>Unsupported</c>.</summary>
    Unsupported,

    /// <summary><c>Warning</c>.</summary>
    Warning,

    /// <summary><c>RSeq</c>.</summary>
    RSeq,

    /// <summary><c>RAck</c>.</summary>
    RAck,

    /// <summary><c>Path</c>.</summary>
    Path,

    /// <summary><c>Service-Route</c>.</summary>
    ServiceRoute,

    /// <summary><c>Privacy</c>.</summary>
    Privacy,

    /// <summary><c>P-Asserted-Identity</c>.</summary>
    PAssertedIdentity,

    /// <summary><c>P-Preferred-Identity</c>.</summary>
    PPreferredIdentity,

    /// <summary><c>Diversion</c>.</summary>
    Diversion,

    /// <summary><c>History-Info</c>.</summary>
    HistoryInfo,

    /// <summary><c>Reason</c>.</summary>
    Reason,

    /// <summary><c>Replaces</c>.</summary>
    Replaces,

    /// <summary><c>Subscription-State</c>.</summary>
    SubscriptionState,

    /// <summary><c>Join</c>.</summary>
    Join,
}
