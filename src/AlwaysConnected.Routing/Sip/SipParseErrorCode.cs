namespace AlwaysConnected.Routing.Sip;

/// <summary>What is wrong with a message. <see cref="SipParseError.SuggestedStatusCode"/> gives the status a server should answer.</summary>
public enum SipParseErrorCode
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The input holds nothing but line breaks (400).</summary>
    EmptyMessage,

    /// <summary>The start line is neither a request line nor a status line (400).</summary>
    InvalidStartLine,

    /// <summary>The request method is not a token (400).</summary>
    InvalidMethod,

    /// <summary>The Request-URI is empty, holds whitespace or control bytes, or has no scheme (400).</summary>
    InvalidRequestUri,

    /// <summary>The SIP-Version is not <c>SIP/digits.digits</c> (400).</summary>
    InvalidVersion,

    /// <summary>The status code is not three digits between 100 and 699 (400; a response is dropped, never answered).</summary>
    InvalidStatusCode,

    /// <summary>A CR not followed by LF, or an LF not preceded by CR, inside the start line or header section (400).</summary>
    InvalidLineEnding,

    /// <summary>A header name holds a byte that is not a token character, or is empty (400).</summary>
    InvalidHeaderName,

    /// <summary>A header line has no colon after its name (400).</summary>
    MissingColon,

    /// <summary>A continuation line (starting with SP or HTAB) comes before any header (400).</summary>
    InvalidFolding,

    /// <summary>A datagram ends before the empty line that closes the header section (400).</summary>
    IncompleteHeaderSection,

    /// <summary>Content-Length is not a non-negative decimal number, or is larger than 2^31-1 (400).</summary>
    InvalidContentLength,

    /// <summary>Content-Length appears more than once; the message cannot be framed (400).</summary>
    DuplicateContentLength,

    /// <summary>A stream message has no Content-Length, so its body cannot be framed (400).</summary>
    MissingContentLength,

    /// <summary>A datagram holds fewer body bytes than its Content-Length announces (400).</summary>
    BodyTruncated,

    /// <summary>CSeq is not <c>number method</c> with a 32-bit unsigned number and a token method (400).</summary>
    InvalidCSeq,

    /// <summary>The message (or its header section) is larger than <see cref="SipParserOptions.MaxMessageSize"/> (513).</summary>
    MessageTooLarge,

    /// <summary>The header section plus Content-Length exceeds <see cref="SipParserOptions.MaxMessageSize"/> (413).</summary>
    BodyTooLarge,

    /// <summary>The start line is longer than <see cref="SipParserOptions.MaxLineLength"/> (414).</summary>
    StartLineTooLong,

    /// <summary>A physical header line is longer than <see cref="SipParserOptions.MaxLineLength"/> (513).</summary>
    HeaderLineTooLong,

    /// <summary>A header value is longer than <see cref="SipParserOptions.MaxHeaderValueLength"/> (513).</summary>
    HeaderValueTooLong,

    /// <summary>The message has more headers than <see cref="SipParserOptions.MaxHeaderCount"/> (513).</summary>
    TooManyHeaders,

    /// <summary>Semantic check: the SIP-Version is not 2.0 (505).</summary>
    VersionNotSupported,

    /// <summary>Semantic check: a mandatory header is absent; <see cref="SipParseError.Header"/> names it (400).</summary>
    MissingRequiredHeader,

    /// <summary>Semantic check: a single-valued header appears more than once; <see cref="SipParseError.Header"/> names it (400).</summary>
    DuplicateHeader,

    /// <summary>Semantic check: the CSeq method differs from the request method (400).</summary>
    CSeqMethodMismatch,

    /// <summary>Semantic check: a header value does not follow its grammar; <see cref="SipParseError.Header"/> names it (400).</summary>
    InvalidHeaderValue,
}
