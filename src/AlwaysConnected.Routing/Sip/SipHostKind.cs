namespace AlwaysConnected.Routing.Sip;

/// <summary>The form of a host.</summary>
public enum SipHostKind
{
    /// <summary>No host.</summary>
    None = 0,

    /// <summary>A domain name.</summary>
    Name,

    /// <summary>A dotted-quad IPv4 address.</summary>
    IPv4,

    /// <summary>A bracketed IPv6 reference; <see cref="SipUri.Host"/> includes the brackets.</summary>
    IPv6,
}
