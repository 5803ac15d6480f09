namespace AlwaysConnected.Routing;

/// <summary>
/// Why a decision ended in <see cref="RoutingOutcome.Error"/>, or why an entry of its <c>$target</c> list is not a usable
/// next hop (<see cref="NextHop.Error"/>): one vocabulary for what routing could not use.
/// </summary>
public enum RoutingErrorCode
{
    /// <summary>No error.</summary>
    None,

    /// <summary>A substituted value would have put CR, LF or NUL into a header: header injection refused.</summary>
    InjectedLineBreak,

    /// <summary>A substituted Request-URI or target is not a usable URI or host.</summary>
    InvalidValue,

    /// <summary>The request cannot be routed by these rules (for example it is a response).</summary>
    NotRoutable,

    /// <summary>A <c>$target</c> entry is empty (two commas in a row, or a leading or trailing comma).</summary>
    EmptyNextHop,

    /// <summary>A <c>$target</c> entry starts like a URI but is not a SIP or SIPS URI with a host.</summary>
    InvalidNextHopUri,

    /// <summary>A <c>$target</c> entry's host is missing or malformed; an IPv6 address must be written in brackets (<c>[::1]:5060</c>).</summary>
    InvalidNextHopHost,

    /// <summary>A <c>$target</c> entry's port is not a number from 1 to 65535.</summary>
    InvalidNextHopPort,

    /// <summary>Something other than <c>;parameters</c> follows a <c>$target</c> entry's host and port.</summary>
    InvalidNextHopParameters,

    /// <summary>A <c>$target</c> entry's <c>transport</c> parameter names a transport this library does not know (<c>udp</c>, <c>tcp</c>, <c>tls</c>, <c>ws</c>, <c>wss</c>).</summary>
    UnsupportedTransport,
}
