namespace AlwaysConnected.Routing.Sip;

/// <summary>The outcome of a parse attempt.</summary>
public enum SipParseStatus
{
    /// <summary>A complete message was indexed.</summary>
    Success = 0,

    /// <summary>Stream framing only: the input holds the start of a message but not all of it; read more bytes and try again.</summary>
    NeedMoreData,

    /// <summary>The input is malformed or breaks a limit; see <see cref="SipMessageIndex.Error"/>.</summary>
    Error,
}
