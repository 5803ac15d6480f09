namespace AlwaysConnected.Routing.Sip;

/// <summary>Where one header field lies in a message. Ranges are offsets into <see cref="SipMessage.Span"/>.</summary>
public readonly struct SipHeader : IEquatable<SipHeader>
{
    private readonly int _nameStart;
    private readonly int _nameLength;
    private readonly int _valueStart;
    private readonly int _valueLength;
    private readonly int _lineStart;
    private readonly int _lineLength;

    internal SipHeader(SipHeaderId id, int nameStart, int nameLength, int valueStart, int valueLength, int lineStart, int lineLength, int unfoldedStart, int unfoldedLength)
    {
        Id = id;
        _nameStart = nameStart;
        _nameLength = nameLength;
        _valueStart = valueStart;
        _valueLength = valueLength;
        _lineStart = lineStart;
        _lineLength = lineLength;
        UnfoldedStart = unfoldedStart;
        UnfoldedLength = unfoldedLength;
    }

    /// <summary>The known header, or <see cref="SipHeaderId.Extension"/>.</summary>
    public SipHeaderId Id { get; }

    /// <summary>The header name as written (long or compact form, original case).</summary>
    public Range NameRange => new(_nameStart, _nameStart + _nameLength);

    /// <summary>The raw value, trimmed of surrounding whitespace; for a folded header it still contains the line breaks.</summary>
    public Range ValueRange => new(_valueStart, _valueStart + _valueLength);

    /// <summary>From the first byte of the header line through the CRLF ending its last continuation line.</summary>
    public Range LineRange => new(_lineStart, _lineStart + _lineLength);

    /// <summary>Whether the value spans continuation lines; <see cref="SipMessage.GetValue(SipHeader)"/> returns it unfolded.</summary>
    public bool IsFolded => UnfoldedStart >= 0;

    internal int NameStart => _nameStart;

    internal int NameLength => _nameLength;

    internal int ValueStart => _valueStart;

    internal int ValueLength => _valueLength;

    /// <summary>Start of the unfolded copy in the index's scratch buffer; -1 when the header is not folded.</summary>
    internal int UnfoldedStart { get; }

    internal int UnfoldedLength { get; }

    /// <summary>Classifies a header name (long or compact form, any case) without building or hashing a string.</summary>
    /// <param name="name">The header field name as it appears before the colon, without surrounding whitespace.</param>
    /// <returns>The known id, or <see cref="SipHeaderId.Extension"/>.</returns>
    public static SipHeaderId GetId(ReadOnlySpan<byte> name) => SipHeaderNameLookup.GetId(name);

    /// <summary>The canonical long name of a known header; empty for <see cref="SipHeaderId.Extension"/>.</summary>
    /// <param name="id">The header id.</param>
    /// <returns>The canonical name as ASCII bytes.</returns>
    public static ReadOnlySpan<byte> GetCanonicalName(SipHeaderId id) => SipHeaderNameLookup.GetCanonicalName(id);

    /// <summary>The single-letter compact form of a header (RFC 3261 §7.3.3 and later RFCs), or empty when it has none.</summary>
    /// <param name="id">The header id.</param>
    /// <returns>The compact name as one lowercase ASCII byte, or an empty span.</returns>
    public static ReadOnlySpan<byte> GetCompactName(SipHeaderId id) => SipHeaderNameLookup.GetCompactName(id);

    /// <inheritdoc />
    public bool Equals(SipHeader other) =>
        Id == other.Id && _nameStart == other._nameStart && _nameLength == other._nameLength
        && _valueStart == other._valueStart && _valueLength == other._valueLength
        && _lineStart == other._lineStart && _lineLength == other._lineLength && UnfoldedStart == other.UnfoldedStart;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SipHeader other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, _nameStart, _valueStart, _valueLength, _lineStart, _lineLength);

    /// <summary>Compares two header positions.</summary>
    /// <param name="left">The first header.</param>
    /// <param name="right">The second header.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(SipHeader left, SipHeader right) => left.Equals(right);

    /// <summary>Compares two header positions.</summary>
    /// <param name="left">The first header.</param>
    /// <param name="right">The second header.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(SipHeader left, SipHeader right) => !left.Equals(right);
}
