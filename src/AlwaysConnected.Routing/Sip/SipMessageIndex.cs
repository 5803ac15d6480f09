using System.Runtime.CompilerServices;

namespace AlwaysConnected.Routing.Sip;

/// <summary>
/// Reusable storage for one parsed message: where each header lies, the start line fields, the body range,
/// and scratch buffers for multi-segment input and unfolded values. Arrays grow on demand and are then reused,
/// so parsing allocates nothing once warm. Not thread-safe: keep one per connection or worker.
/// </summary>
/// <remarks>Parsing into an index invalidates every <see cref="SipMessage"/> previously produced from it.</remarks>
public sealed class SipMessageIndex
{
    private SipHeader[] _headers = new SipHeader[32];
    /// <summary>
    /// Per header id: the parse stamp in the high half and the header position in the low half. An entry counts only
    /// when its stamp is the current one, so starting a parse clears the table by bumping the stamp, not by writing it.
    /// </summary>
    private readonly ulong[] _firstById = new ulong[SipHeaderNameLookup.IdCount];
    private uint _stamp;
    private byte[] _linear = [];
    private byte[] _unfolded = new byte[256];

    /// <summary>Creates an index.</summary>
    /// <param name="options">Limits to enforce; <see langword="null"/> for the defaults.</param>
    public SipMessageIndex(SipParserOptions? options = null)
    {
        Options = options ?? SipParserOptions.Default;
        Reset();
    }

    /// <summary>The limits this index enforces.</summary>
    public SipParserOptions Options { get; }

    /// <summary>The error of the last parse, or <see cref="SipParseError.None"/>.</summary>
    public SipParseError Error { get; internal set; }

    internal int HeaderCount { get; private set; }

    /// <summary>
    /// Where the method of the first CSeq lies in that header's value, once the parser has read it and found it
    /// valid; length -1 otherwise. The validator compares it with the request method without reading CSeq again.
    /// </summary>
    internal int FirstCSeqMethodStart { get; set; }

    /// <inheritdoc cref="FirstCSeqMethodStart"/>
    internal int FirstCSeqMethodLength { get; set; } = -1;

    /// <summary>
    /// One bit per header id (bit <c>id % 64</c>) set when a second header with that id was added. A clear bit proves
    /// the id occurs at most once, so checks for repeats and list reads can skip walking the header list.
    /// </summary>
    internal ulong RepeatedIds { get; private set; }

    internal bool IsRequest { get; set; }

    internal SipMethod Method { get; set; }

    internal int MethodLength { get; set; }

    internal int UriStart { get; set; }

    internal int UriLength { get; set; }

    internal int VersionStart { get; set; }

    internal int VersionLength { get; set; }

    internal int StatusCode { get; set; }

    internal int ReasonStart { get; set; }

    internal int ReasonLength { get; set; }

    internal int StartLineLength { get; set; }

    internal long ContentLength { get; set; }

    internal int BodyStart { get; set; }

    internal int BodyLength { get; set; }

    /// <summary>Length of start line, headers and the empty line.</summary>
    internal int HeadLength { get; set; }

    /// <summary>Offset of the Content-Length value, for error reports.</summary>
    internal int ContentLengthOffset { get; set; }

    /// <summary>Whether the message boundaries are known even though the message has an error.</summary>
    internal bool FramingIntact { get; set; }

    internal ReadOnlySpan<SipHeader> Headers => _headers.AsSpan(0, HeaderCount);

    internal ReadOnlySpan<byte> Unfolded => _unfolded;

    internal int FirstIndexOf(SipHeaderId id)
    {
        ulong entry = _firstById[(int)id];
        return (uint)(entry >> 32) == _stamp ? (int)(uint)entry : -1;
    }

    internal void Reset()
    {
        HeaderCount = 0;
        RepeatedIds = 0;
        FirstCSeqMethodStart = 0;
        FirstCSeqMethodLength = -1;
        if (++_stamp == 0)
        {
            // After 2^32 parses old stamps could come back: clear once and start over.
            Array.Clear(_firstById);
            _stamp = 1;
        }

        _unfoldedLength = 0;
        Error = default;
        IsRequest = false;
        Method = SipMethod.None;
        MethodLength = 0;
        UriStart = UriLength = VersionStart = VersionLength = 0;
        StatusCode = 0;
        ReasonStart = ReasonLength = 0;
        StartLineLength = 0;
        ContentLength = -1;
        BodyStart = BodyLength = 0;
        HeadLength = 0;
        ContentLengthOffset = 0;
        FramingIntact = false;
    }

    private int _unfoldedLength;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void AddHeader(in SipHeader header)
    {
        int count = HeaderCount;
        if (count == _headers.Length)
        {
            GrowHeaders();
        }

        ref ulong first = ref _firstById[(int)header.Id];
        if ((uint)(first >> 32) != _stamp)
        {
            first = ((ulong)_stamp << 32) | (uint)count;
        }
        else
        {
            RepeatedIds |= 1UL << ((int)header.Id & 63);
        }

        _headers[count] = header;
        HeaderCount = count + 1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void GrowHeaders() => Array.Resize(ref _headers, _headers.Length * 2);

    /// <summary>Reserves <paramref name="length"/> bytes of the unfold buffer and returns the start offset.</summary>
    internal Span<byte> ReserveUnfolded(int length, out int start)
    {
        if (_unfoldedLength + length > _unfolded.Length)
        {
            Array.Resize(ref _unfolded, Math.Max(_unfolded.Length * 2, _unfoldedLength + length));
        }

        start = _unfoldedLength;
        return _unfolded.AsSpan(start, length);
    }

    /// <summary>Commits the part of the last reservation that was actually written.</summary>
    internal void CommitUnfolded(int start, int written) => _unfoldedLength = start + written;

    /// <summary>A buffer of at least <paramref name="length"/> bytes for linearising multi-segment input; growing keeps its contents.</summary>
    internal byte[] GetLinearBuffer(int length)
    {
        if (_linear.Length < length)
        {
            Array.Resize(ref _linear, Math.Max(length, Math.Max(1024, _linear.Length * 2)));
        }

        return _linear;
    }
}
