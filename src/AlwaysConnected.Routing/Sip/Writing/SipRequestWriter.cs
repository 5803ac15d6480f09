// Kept in one file (about 430 lines) on purpose: the writer is one pass over the request that copies every
// untouched byte and splices the decision's edits in place; the cursor, the pre-write validation and the partial
// (URI-only, display-name-only) edits are steps of that pass and read best next to it.

using System.Text;
using System.Buffers;
using System.Buffers.Text;
using AlwaysConnected.Routing;

namespace AlwaysConnected.Routing.Sip.Writing;

/// <summary>
/// Writes a request with a decision's edits applied: the new Request-URI, headers set, replaced or
/// removed. Every byte the decision does not touch is copied as it arrived (folding and spelling included).
/// </summary>
public static class SipRequestWriter
{
    /// <summary>Writes the rewritten request.</summary>
    /// <param name="message">The parsed original request.</param>
    /// <param name="decision">The decision whose edits to apply.</param>
    /// <param name="output">Where to write; nothing is written when the method fails.</param>
    /// <param name="error">Why nothing was written.</param>
    /// <returns><see langword="false"/> when the decision is an error, the message is not a request, or an edit value would inject a line break or NUL.</returns>
    public static bool TryWrite(SipMessage message, RoutingDecision decision, IBufferWriter<byte> output, out RoutingErrorCode error) =>
        TryWrite(message, decision, default, output, out error);

    /// <summary>Writes the request to forward: a decision's edits and a proxy's own (<paramref name="proxy"/>) in one pass.</summary>
    /// <param name="message">The parsed original request.</param>
    /// <param name="decision">The decision whose edits to apply.</param>
    /// <param name="proxy">The proxy's Via, Max-Forwards, stamped received Via and extra header lines.</param>
    /// <param name="output">Where to write; nothing is written when the method fails.</param>
    /// <param name="error">Why nothing was written.</param>
    /// <returns>
    /// <see langword="false"/> when the decision is an error, the message is not a request, an edit value would
    /// inject a line break or NUL (<see cref="RoutingErrorCode.InjectedLineBreak"/>; extra header lines must each end
    /// in CRLF and hold no other line break), or Max-Forwards is negative (<see cref="RoutingErrorCode.InvalidValue"/>).
    /// </returns>
    public static bool TryWrite(SipMessage message, RoutingDecision decision, scoped in SipProxyEdits proxy, IBufferWriter<byte> output, out RoutingErrorCode error)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(output);
        error = Validate(message, decision);
        if (error == RoutingErrorCode.None && !proxy.IsEmpty)
        {
            error = Validate(proxy);
        }

        if (error != RoutingErrorCode.None)
        {
            return false;
        }

        var span = message.Span;
        var startLineEnd = message.StartLine.Length;
        var headerSectionEnd = message.HeaderCount > 0
            ? message.GetHeader(message.HeaderCount - 1).LineRange.End.Value
            : startLineEnd + LineBreakLength(span[startLineEnd..]);

        // One span for the whole request, advanced once: the IBufferWriter calls per piece cost more
        // than the copying. The bound holds because a partial edit keeps at most the original value's
        // bytes around the new URI or display name.
        var editCount = decision.HeaderEditCount;
        var bound = span.Length + decision.RequestUri.Length;
        for (var e = 0; e < editCount; e++)
        {
            var edit = decision.GetHeaderEdit(e);
            bound += edit.Name.Length + edit.Value.Length + EditOverhead;
        }

        bound += proxy.Via.Length + proxy.ExtraHeaders.Length + proxy.ReceivedVia.Length + ProxyOverhead;
        var destination = new SpanCursor(output.GetSpan(bound));

        // Untouched bytes are copied in runs as long as possible (most of a request arrives unchanged).
        var runStart = 0;
        if (decision.HasRequestUri)
        {
            destination.Write(span[..message.RequestUriRange.Start.Value]);
            destination.Write(decision.RequestUri);
            runStart = message.RequestUriRange.End.Value;
        }

        if (editCount > 0 || !proxy.IsEmpty)
        {
            // The proxy's lines go before the first header; its other edits land on the received top Via
            // element and on Max-Forwards, unless the decision edits those headers itself.
            var pendingTop = !proxy.Via.IsEmpty || !proxy.ExtraHeaders.IsEmpty;
            var topViaStart = -1;
            var topViaEnd = -1;
            if (!proxy.ReceivedVia.IsEmpty && message.TryGetValue(SipHeaderId.Via, 0, out var topVia) && span.Overlaps(topVia, out var topViaOffset))
            {
                topViaStart = topViaOffset;
                topViaEnd = topViaOffset + topVia.Length;
            }

            var maxForwardsPending = proxy.MaxForwards is not null;

            // Which whole-header edits have been written already (a Set replaces all instances with one).
            var written = editCount <= 64 ? new EditSet(0UL) : new EditSet(new bool[editCount]);
            for (var h = 0; h < message.HeaderCount; h++)
            {
                var header = message.GetHeader(h);
                var line = header.LineRange;
                if (pendingTop)
                {
                    destination.Write(span[runStart..line.Start.Value]);
                    runStart = line.Start.Value;
                    WriteProxyLines(ref destination, proxy);
                    pendingTop = false;
                }

                var editIndex = editCount > 0 ? FindEdit(message, decision, header) : -1;
                if (editIndex < 0)
                {
                    if (topViaStart >= line.Start.Value && topViaStart < line.End.Value && header.Id == SipHeaderId.Via)
                    {
                        destination.Write(span[runStart..topViaStart]);
                        destination.Write(proxy.ReceivedVia);
                        runStart = topViaEnd;
                    }
                    else if (maxForwardsPending && header.Id == SipHeaderId.MaxForwards)
                    {
                        var value = header.ValueRange;
                        destination.Write(span[runStart..value.Start.Value]);
                        destination.WriteNumber(proxy.MaxForwards!.Value);
                        runStart = value.End.Value;
                        maxForwardsPending = false;
                    }

                    continue;
                }

                if (header.Id == SipHeaderId.MaxForwards)
                {
                    maxForwardsPending = false; // the decision's own Max-Forwards wins
                }

                var edit = decision.GetHeaderEdit(editIndex);
                if (edit.Kind is HeaderEditKind.ReplaceUri or HeaderEditKind.ReplaceDisplayName && written.Contains(editIndex))
                {
                    // Only the first instance of a partly edited header changes; later ones stay in the run.
                    continue;
                }

                destination.Write(span[runStart..line.Start.Value]);
                runStart = line.End.Value;
                switch (edit.Kind)
                {
                    case HeaderEditKind.Remove:
                        break;
                    case HeaderEditKind.Set:
                        if (!written.Contains(editIndex))
                        {
                            WriteHeader(ref destination, edit.Name, edit.Value);
                            written.Add(editIndex);
                        }

                        break;
                    case HeaderEditKind.ReplaceUri:
                    case HeaderEditKind.ReplaceDisplayName:
                        WritePartialEdit(ref destination, message.GetName(header), message.GetValue(header), edit);
                        written.Add(editIndex);
                        break;
                }
            }

            // Set edits of headers the request did not have are appended after the last header.
            destination.Write(span[runStart..headerSectionEnd]);
            runStart = headerSectionEnd;
            if (pendingTop)
            {
                WriteProxyLines(ref destination, proxy); // a request without headers
            }

            for (var e = 0; e < editCount; e++)
            {
                var edit = decision.GetHeaderEdit(e);
                if (edit.Kind == HeaderEditKind.Set && !written.Contains(e))
                {
                    maxForwardsPending &= decision.GetHeaderEditId(e) != SipHeaderId.MaxForwards;
                    WriteHeader(ref destination, edit.Name, edit.Value);
                }
            }

            if (maxForwardsPending)
            {
                destination.Write("Max-Forwards: "u8);
                destination.WriteNumber(proxy.MaxForwards!.Value);
                destination.Write("\r\n"u8);
            }
        }

        // The rest (the empty line and the body) as it arrived.
        destination.Write(span[runStart..]);
        output.Advance(destination.Position);
        return true;
    }

    // "Via: " + CRLF, "Max-Forwards: " + 10 digits + CRLF, rounded up.
    private const int ProxyOverhead = 40;

    private static void WriteProxyLines(ref SpanCursor destination, scoped in SipProxyEdits proxy)
    {
        if (!proxy.Via.IsEmpty)
        {
            WriteHeader(ref destination, "Via"u8, proxy.Via);
        }

        destination.Write(proxy.ExtraHeaders);
    }

    private static RoutingErrorCode Validate(scoped in SipProxyEdits proxy)
    {
        if (proxy.Via.IndexOfAny("\r\n\0"u8) >= 0 || proxy.ReceivedVia.IndexOfAny("\r\n\0"u8) >= 0)
        {
            return RoutingErrorCode.InjectedLineBreak;
        }

        if (proxy.MaxForwards < 0)
        {
            return RoutingErrorCode.InvalidValue;
        }

        // Extra lines: each non-empty and ending in CRLF, no other CR, LF or NUL (no empty line that would end the headers).
        var extra = proxy.ExtraHeaders;
        while (!extra.IsEmpty)
        {
            var end = extra.IndexOfAny("\r\n\0"u8);
            if (end <= 0 || extra[end] != (byte)'\r' || end + 1 >= extra.Length || extra[end + 1] != (byte)'\n')
            {
                return RoutingErrorCode.InjectedLineBreak;
            }

            extra = extra[(end + 2)..];
        }

        return RoutingErrorCode.None;
    }

    // ": " + CRLF + " <" + ">" + ";" around an edit's name and value, rounded up.
    private const int EditOverhead = 8;

    /// <summary>Writes forward into one span.</summary>
    private ref struct SpanCursor(Span<byte> destination)
    {
        private readonly Span<byte> _destination = destination;

        public int Position { get; private set; }

        public void Write(scoped ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(_destination[Position..]);
            Position += bytes.Length;
        }

        public void WriteNumber(int value)
        {
            Utf8Formatter.TryFormat(value, _destination[Position..], out var length);
            Position += length;
        }
    }

    /// <summary>A set of edit numbers: a bit mask for up to 64 edits, an array beyond.</summary>
    private struct EditSet
    {
        private readonly bool[]? _large;
        private ulong _small;

        public EditSet(ulong small)
        {
            _small = small;
            _large = null;
        }

        public EditSet(bool[] large)
        {
            _small = 0;
            _large = large;
        }

        public readonly bool Contains(int index) => _large is null ? (_small & (1UL << index)) != 0 : _large[index];

        public void Add(int index)
        {
            if (_large is null)
            {
                _small |= 1UL << index;
            }
            else
            {
                _large[index] = true;
            }
        }
    }

    private static int LineBreakLength(ReadOnlySpan<byte> rest) =>
        rest.StartsWith("\r\n"u8) ? 2 : rest.Length > 0 && rest[0] == (byte)'\n' ? 1 : 0;

    private static RoutingErrorCode Validate(SipMessage message, RoutingDecision decision)
    {
        if (decision.Outcome == RoutingOutcome.Error)
        {
            return decision.ErrorCode;
        }

        if (!message.IsRequest)
        {
            return RoutingErrorCode.NotRoutable;
        }

        // What an engine has checked already when it set it (see RoutingDecision) is not checked again.
        if (decision.HasRequestUri && !decision.RequestUriVerified && !RequestUriSyntax.IsValid(decision.RequestUri))
        {
            return decision.RequestUri.IndexOfAny("\r\n\0"u8) >= 0 ? RoutingErrorCode.InjectedLineBreak : RoutingErrorCode.InvalidValue;
        }

        for (var e = 0; e < decision.HeaderEditCount; e++)
        {
            if (decision.IsHeaderEditVerified(e))
            {
                continue;
            }

            var edit = decision.GetHeaderEdit(e);
            if (edit.Value.IndexOfAny("\r\n\0"u8) >= 0 || edit.Name.IndexOfAny("\r\n\0: "u8) >= 0)
            {
                return RoutingErrorCode.InjectedLineBreak;
            }
        }

        return RoutingErrorCode.None;
    }

    /// <summary>The edit that applies to a header: by known id (so compact forms match long ones), else by name.</summary>
    private static int FindEdit(SipMessage message, RoutingDecision decision, SipHeader header)
    {
        // The last whole-header edit wins over earlier partial ones; the decision keeps them ordered.
        var id = header.Id;
        for (var e = decision.HeaderEditCount - 1; e >= 0; e--)
        {
            var editId = decision.GetHeaderEditId(e);
            if (editId != id)
            {
                continue;
            }

            if (id != SipHeaderId.Extension || Ascii.EqualsIgnoreCase(decision.GetHeaderEdit(e).Name, message.GetName(header)))
            {
                return e;
            }
        }

        return -1;
    }

    private static void WriteHeader(ref SpanCursor output, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        output.Write(name);
        output.Write(": "u8);
        output.Write(value);
        output.Write("\r\n"u8);
    }

    /// <summary>Rewrites the URI or the display name of a name-addr value, keeping the rest.</summary>
    private static void WritePartialEdit(ref SpanCursor output, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, HeaderEdit edit)
    {
        output.Write(name);
        output.Write(": "u8);
        if (!NameAddress.TryParse(value, out var address))
        {
            // An unreadable value cannot be partly edited: replace it with the URI alone.
            if (edit.Kind == HeaderEditKind.ReplaceUri)
            {
                output.Write("<"u8);
                output.Write(edit.Value);
                output.Write(">"u8);
            }
            else
            {
                output.Write(value);
            }

            output.Write("\r\n"u8);
            return;
        }

        if (edit.Kind == HeaderEditKind.ReplaceDisplayName)
        {
            output.Write(edit.Value);
            output.Write(edit.Value.IsEmpty ? "<"u8 : " <"u8);
            output.Write(address.AddrSpec);
            output.Write(">"u8);
        }
        else
        {
            var displayName = DisplayNameText(value, address);
            if (!displayName.IsEmpty)
            {
                output.Write(displayName);
                output.Write(" "u8);
            }

            // Always bracketed: the new URI may carry parameters that must not become header parameters.
            output.Write("<"u8);
            output.Write(edit.Value);
            output.Write(">"u8);
        }

        if (!address.ParametersText.IsEmpty)
        {
            if (address.ParametersText[0] != (byte)';')
            {
                output.Write(";"u8);
            }

            output.Write(address.ParametersText);
        }

        output.Write("\r\n"u8);
    }

    /// <summary>The display name exactly as written (with its quotes), up to the <c>&lt;</c>.</summary>
    private static ReadOnlySpan<byte> DisplayNameText(ReadOnlySpan<byte> value, NameAddress address)
    {
        // The addr-spec is a slice of the value, so the bracket that opens it sits just before it;
        // the reader has already skipped any '<' inside a quoted display name.
        if (!address.HasAngleBrackets || !value.Overlaps(address.AddrSpec, out var addrSpecStart) || addrSpecStart <= 0)
        {
            return default;
        }

        var open = value[..addrSpecStart].LastIndexOf((byte)'<');
        return open > 0 ? value[..open].TrimEnd(" \t"u8) : default;
    }
}
