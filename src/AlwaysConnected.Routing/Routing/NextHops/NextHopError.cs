namespace AlwaysConnected.Routing;

/// <summary>Why an entry of a <c>$target</c> list is not a usable next hop.</summary>
public enum NextHopError
{
    /// <summary>The entry is a usable next hop.</summary>
    None = 0,

    /// <summary>The entry is empty (two commas in a row, or a leading or trailing comma).</summary>
    Empty,

    /// <summary>The entry starts like a URI but is not a SIP or SIPS URI with a host.</summary>
    InvalidUri,

    /// <summary>The host is missing or malformed; an IPv6 address must be written in brackets (<c>[::1]:5060</c>).</summary>
    InvalidHost,

    /// <summary>The port is not a number from 1 to 65535.</summary>
    InvalidPort,

    /// <summary>Something other than <c>;parameters</c> follows the host and port.</summary>
    InvalidParameters,

    /// <summary>The <c>transport</c> parameter names a transport this library does not know (<c>udp</c>, <c>tcp</c>, <c>tls</c>, <c>ws</c>, <c>wss</c>).</summary>
    UnsupportedTransport,
}
