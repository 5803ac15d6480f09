using System.Globalization;
using System.Text;

namespace AlwaysConnected.Routing.Sip;

/// <summary>A parse or validation error: what, where (byte offset into the message), and the status a server should answer.</summary>
public readonly struct SipParseError : IEquatable<SipParseError>
{
    /// <summary>Creates an error.</summary>
    /// <param name="code">What is wrong.</param>
    /// <param name="offset">Byte offset into <see cref="SipMessage.Span"/> where the problem was found.</param>
    /// <param name="header">The header concerned, when the error is about one known header.</param>
    public SipParseError(SipParseErrorCode code, int offset, SipHeaderId header = SipHeaderId.Extension)
    {
        Code = code;
        Offset = offset;
        Header = header;
    }

    /// <summary>No error.</summary>
    public static SipParseError None => default;

    /// <summary>What is wrong.</summary>
    public SipParseErrorCode Code { get; }

    /// <summary>Byte offset of the problem, counted from the first byte of the message (after any leading CRLF keep-alives).</summary>
    public int Offset { get; }

    /// <summary>The header the error is about, or <see cref="SipHeaderId.Extension"/> when none or an extension header.</summary>
    public SipHeaderId Header { get; }

    /// <summary>Whether this value describes an error.</summary>
    public bool IsError => Code != SipParseErrorCode.None;

    /// <summary>The SIP status code a server should answer a request with (0 when there is no error).</summary>
    public int SuggestedStatusCode => GetSuggestedStatusCode(Code);

    /// <summary>The status code suggested for an error code.</summary>
    /// <param name="code">The error code.</param>
    /// <returns>400, 413, 414, 505 or 513; 0 for <see cref="SipParseErrorCode.None"/>.</returns>
    public static int GetSuggestedStatusCode(SipParseErrorCode code) => code switch
    {
        SipParseErrorCode.None => 0,
        SipParseErrorCode.MessageTooLarge or SipParseErrorCode.HeaderLineTooLong
            or SipParseErrorCode.HeaderValueTooLong or SipParseErrorCode.TooManyHeaders => 513,
        SipParseErrorCode.BodyTooLarge => 413,
        SipParseErrorCode.StartLineTooLong => 414,
        SipParseErrorCode.VersionNotSupported => 505,
        _ => 400,
    };

    /// <summary>A sentence for logs and reason phrases. Allocates; call it only when the text is needed.</summary>
    /// <returns>For example <c>"InvalidHeaderValue (400) in Via at byte 212"</c>.</returns>
    public string GetDescription()
    {
        if (!IsError)
        {
            return "no error";
        }

        var text = new StringBuilder();
        text.Append(Code.ToString()).Append(" (").Append(SuggestedStatusCode.ToString(CultureInfo.InvariantCulture)).Append(')');
        if (Header != SipHeaderId.Extension)
        {
            text.Append(" in ").Append(Encoding.ASCII.GetString(SipHeaderNameLookup.GetCanonicalName(Header)));
        }

        text.Append(" at byte ").Append(Offset.ToString(CultureInfo.InvariantCulture));
        return text.ToString();
    }

    /// <summary>
    /// The reason phrase of the answer: the standard phrase of <see cref="SuggestedStatusCode"/> and what is
    /// wrong, e.g. <c>Bad Request (missing Call-ID)</c> or <c>Version Not Supported (only SIP/2.0 is supported)</c>.
    /// Each distinct phrase is built once and then reused (no allocation after the first use).
    /// </summary>
    /// <returns>The phrase; <c>No Error</c> when there is no error.</returns>
    public string GetReasonPhrase() => IsError ? Responses.ErrorReasonPhrases.Get(this) : "No Error";

    /// <inheritdoc />
    public override string ToString() => GetDescription();

    /// <inheritdoc />
    public bool Equals(SipParseError other) => Code == other.Code && Offset == other.Offset && Header == other.Header;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SipParseError other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Code, Offset, Header);

    /// <summary>Compares two errors by value.</summary>
    /// <param name="left">The first error.</param>
    /// <param name="right">The second error.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(SipParseError left, SipParseError right) => left.Equals(right);

    /// <summary>Compares two errors by value.</summary>
    /// <param name="left">The first error.</param>
    /// <param name="right">The second error.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(SipParseError left, SipParseError right) => !left.Equals(right);
}
