namespace AlwaysConnected.Routing.Sip;

/// <summary>The kind of URI, from its scheme.</summary>
public enum SipUriScheme
{
    /// <summary>Any other scheme (RFC 3986 absolute URI); only <see cref="SipUri.Scheme"/> and <see cref="SipUri.Opaque"/> are set.</summary>
    Other = 0,

    /// <summary><c>sip:</c>.</summary>
    Sip,

    /// <summary><c>sips:</c>.</summary>
    Sips,

    /// <summary><c>tel:</c> (RFC 3966): the number is in <see cref="SipUri.User"/>, parameters in <see cref="SipUri.Parameters"/>.</summary>
    Tel,
}
