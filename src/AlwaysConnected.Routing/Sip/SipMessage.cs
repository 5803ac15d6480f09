using System.Text;

namespace AlwaysConnected.Routing.Sip;

/// <summary>
/// A parsed SIP message: the message bytes plus the <see cref="SipMessageIndex"/> that says where everything lies.
/// Every accessor slices the bytes; nothing is copied or allocated. Valid until the index is reused or the buffer changes.
/// </summary>
public readonly ref struct SipMessage
{
    private readonly ReadOnlySpan<byte> _span;
    private readonly SipMessageIndex? _index;

    internal SipMessage(ReadOnlySpan<byte> span, SipMessageIndex index)
    {
        _span = span;
        _index = index;
    }

    /// <summary>The index the message was parsed into, or null for a default view.</summary>
    internal SipMessageIndex? ParsedIndex => _index;

    private SipMessageIndex Index => _index ?? throw new InvalidOperationException("The message has not been parsed.");

    /// <summary>
    /// A range of the message, or empty when the range lies outside the bytes this view holds: after
    /// NeedMoreData or an error the index may describe more than the view has, and a read must never
    /// throw or run past the end.
    /// </summary>
    private ReadOnlySpan<byte> Slice(int start, int length) =>
        (uint)start <= (uint)_span.Length && (uint)length <= (uint)(_span.Length - start) ? _span.Slice(start, length) : default;

    /// <summary>Exactly the message bytes: start line, headers, empty line and body (after an error: the bytes examined).</summary>
    public ReadOnlySpan<byte> Span => _span;

    /// <summary>Whether the message is a request (otherwise a response).</summary>
    public bool IsRequest => Index.IsRequest;

    /// <summary>The request method; <see cref="SipMethod.None"/> for a response.</summary>
    public SipMethod Method => Index.Method;

    /// <summary>The request method token as written (the only way to read an extension method).</summary>
    public ReadOnlySpan<byte> MethodBytes => Slice(0, Index.MethodLength);

    /// <summary>The start line without its CRLF.</summary>
    public ReadOnlySpan<byte> StartLine => Slice(0, Index.StartLineLength);

    /// <summary>The Request-URI as written; empty for a response.</summary>
    public ReadOnlySpan<byte> RequestUri => Slice(Index.UriStart, Index.UriLength);

    /// <summary>Where the Request-URI lies in <see cref="Span"/>.</summary>
    public Range RequestUriRange => new(Index.UriStart, Index.UriStart + Index.UriLength);

    /// <summary>The status code of a response; 0 for a request.</summary>
    public int StatusCode => Index.StatusCode;

    /// <summary>The reason phrase of a response (may be empty or hold UTF-8).</summary>
    public ReadOnlySpan<byte> ReasonPhrase => Slice(Index.ReasonStart, Index.ReasonLength);

    /// <summary>The SIP-Version of the start line, e.g. <c>SIP/2.0</c>.</summary>
    public ReadOnlySpan<byte> Version => Slice(Index.VersionStart, Index.VersionLength);

    /// <summary>The number of header fields (physical entries; a comma-separated list counts once).</summary>
    public int HeaderCount => Index.HeaderCount;

    /// <summary>The Content-Length value, or -1 when the header is absent.</summary>
    public long ContentLength => Index.ContentLength;

    /// <summary>The body: Content-Length bytes after the empty line, or the rest of a datagram without Content-Length.</summary>
    public ReadOnlySpan<byte> Body => Slice(Index.BodyStart, Index.BodyLength);

    /// <summary>Where the body lies in <see cref="Span"/>.</summary>
    public Range BodyRange => new(Index.BodyStart, Index.BodyStart + Index.BodyLength);

    /// <summary>The header at <paramref name="index"/>, in message order.</summary>
    /// <param name="index">0 to <see cref="HeaderCount"/> - 1.</param>
    /// <returns>The header position.</returns>
    public SipHeader GetHeader(int index) => Index.Headers[index];

    /// <summary>Finds the first header with a known id.</summary>
    /// <param name="id">The header id; <see cref="SipHeaderId.Extension"/> finds the first extension header.</param>
    /// <param name="first">The first such header.</param>
    /// <returns>Whether one exists.</returns>
    public bool TryGetHeader(SipHeaderId id, out SipHeader first)
    {
        int i = Index.FirstIndexOf(id);
        if (i < 0)
        {
            first = default;
            return false;
        }

        first = Index.Headers[i];
        return true;
    }

    /// <summary>Finds the first header with a name (long, compact or extension form; case-insensitive).</summary>
    /// <param name="name">The header name.</param>
    /// <param name="first">The first such header.</param>
    /// <returns>Whether one exists.</returns>
    public bool TryGetHeader(ReadOnlySpan<byte> name, out SipHeader first)
    {
        var id = SipHeaderNameLookup.GetId(name);
        if (id != SipHeaderId.Extension)
        {
            return TryGetHeader(id, out first);
        }

        // Extension headers can only follow the first one, which the index knows; comparing lengths first skips
        // the other names without a call.
        int start = Index.FirstIndexOf(SipHeaderId.Extension);
        if (start >= 0)
        {
            var headers = Index.Headers;
            for (int i = start; i < headers.Length; i++)
            {
                ref readonly var header = ref headers[i];
                if (header.Id == SipHeaderId.Extension && header.NameLength == name.Length
                    && Ascii.EqualsIgnoreCase(Slice(header.NameStart, header.NameLength), name))
                {
                    first = header;
                    return true;
                }
            }
        }

        first = default;
        return false;
    }

    /// <summary>The header name as written.</summary>
    /// <param name="header">A header of this message.</param>
    /// <returns>The name bytes.</returns>
    public ReadOnlySpan<byte> GetName(SipHeader header) => Slice(header.NameStart, header.NameLength);

    /// <summary>The header value trimmed, with any folding replaced by a single space.</summary>
    /// <param name="header">A header of this message.</param>
    /// <returns>The value bytes (from the message, or from the index's unfold buffer for a folded header).</returns>
    public ReadOnlySpan<byte> GetValue(SipHeader header) =>
        header.IsFolded
            ? Index.Unfolded.Slice(header.UnfoldedStart, header.UnfoldedLength)
            : Slice(header.ValueStart, header.ValueLength);

    /// <summary>The value of the first header with <paramref name="id"/>, or empty when absent.</summary>
    /// <param name="id">The header id.</param>
    /// <returns>The unfolded, trimmed value.</returns>
    public ReadOnlySpan<byte> GetFirstValue(SipHeaderId id) => TryGetHeader(id, out var h) ? GetValue(h) : default;

    /// <summary>Enumerates, in order, every header with a known id.</summary>
    /// <param name="id">The header id.</param>
    /// <returns>An allocation-free enumerator.</returns>
    public SipHeaderEnumerator EnumerateHeaders(SipHeaderId id) => new(this, id, default);

    /// <summary>Enumerates, in order, every header with a name (long, compact or extension form; case-insensitive).</summary>
    /// <param name="name">The header name.</param>
    /// <returns>An allocation-free enumerator.</returns>
    public SipHeaderEnumerator EnumerateHeaders(ReadOnlySpan<byte> name) => new(this, SipHeaderNameLookup.GetId(name), name);

    /// <summary>
    /// Enumerates every comma-separated value of every header with <paramref name="id"/>, in order; commas inside
    /// quoted strings and inside <c>&lt;&gt;</c> do not split. Values are trimmed; empty elements are returned too.
    /// </summary>
    /// <param name="id">The header id (use it for list headers such as Via, Contact, Route, Supported).</param>
    /// <returns>An allocation-free enumerator.</returns>
    public SipValueEnumerator EnumerateValues(SipHeaderId id) => new(EnumerateHeaders(id));

    /// <summary>The <paramref name="n"/>-th comma-separated value over all headers with <paramref name="id"/> (0-based).</summary>
    /// <param name="id">The header id.</param>
    /// <param name="n">Zero-based position in the combined list.</param>
    /// <param name="value">The value, trimmed.</param>
    /// <returns>Whether the list has that many values.</returns>
    public bool TryGetValue(SipHeaderId id, int n, out ReadOnlySpan<byte> value)
    {
        // The top value (e.g. the top Via) of a header without quotes, brackets or commas is the whole value:
        // no need to set up the list enumerators.
        if (n == 0 && TryGetHeader(id, out var first))
        {
            var whole = GetValue(first);
            if (!whole.ContainsAny(SipCharacters.ListDelimiters))
            {
                value = SipCharacters.TrimLws(whole);
                return true;
            }
        }

        var values = EnumerateValues(id);
        while (values.MoveNext())
        {
            if (n-- == 0)
            {
                value = values.Current;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The number of headers with <paramref name="id"/>.</summary>
    /// <param name="id">The header id.</param>
    /// <returns>How many header fields carry it.</returns>
    public int CountHeaders(SipHeaderId id)
    {
        int count = 0;
        var headers = EnumerateHeaders(id);
        while (headers.MoveNext())
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// Runs the semantic checks a router relies on after a successful parse (RFC 3261 §8.2, §16.3): version
    /// 2.0, mandatory headers present, single-valued headers not repeated, CSeq method matching the request,
    /// and the grammar of Via, From, To, Contact, Max-Forwards and the Request-URI. <see cref="SipRouter"/>
    /// runs them on every request (<see cref="SipRouterOptions.ValidateRequests"/>); a host calls this for
    /// responses it relays, or for requests it handles itself.
    /// </summary>
    /// <param name="error">The first problem found, with its offset and suggested status.</param>
    /// <param name="requireMaxForwards">Whether a request without Max-Forwards is an error (RFC 3261 says it MUST be present, RFC 2543 peers omit it).</param>
    /// <returns>Whether the message passed every check.</returns>
    public bool TryValidate(out SipParseError error, bool requireMaxForwards = false) =>
        SipMessageValidator.TryValidate(this, out error, requireMaxForwards);

    internal SipMessageIndex? IndexOrNull => _index;
}
