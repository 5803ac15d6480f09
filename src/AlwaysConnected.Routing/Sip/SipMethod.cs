namespace AlwaysConnected.Routing.Sip;

/// <summary>The request methods the parser recognises; anything else is <see cref="Extension"/> and is kept as bytes.</summary>
public enum SipMethod
{
    /// <summary>No method: the message is a response, or nothing has been parsed.</summary>
    None = 0,

    /// <summary>INVITE (RFC 3261).</summary>
    Invite,

    /// <summary>ACK (RFC 3261).</summary>
    Ack,

    /// <summary>BYE (RFC 3261).</summary>
    Bye,

    /// <summary>CANCEL (RFC 3261).</summary>
    Cancel,

    /// <summary>REGISTER (RFC 3261).</summary>
    Register,

    /// <summary>OPTIONS (RFC 3261).</summary>
    Options,

    /// <summary>PRACK (RFC 3262).</summary>
    Prack,

    /// <summary>SUBSCRIBE (RFC 6665).</summary>
    Subscribe,

    /// <summary>NOTIFY (RFC 6665).</summary>
    Notify,

    /// <summary>PUBLISH (RFC 3903).</summary>
    Publish,

    /// <summary>INFO (RFC 6086).</summary>
    Info,

    /// <summary>REFER (RFC 3515).</summary>
    Refer,

    /// <summary>MESSAGE (RFC 3428).</summary>
    Message,

    /// <summary>UPDATE (RFC 3311).</summary>
    Update,

    /// <summary>A syntactically valid method token that is not one of the known methods; read its bytes from the message.</summary>
    Extension,
}
