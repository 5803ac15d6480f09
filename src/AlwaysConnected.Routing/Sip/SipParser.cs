// Kept in one file (about 800 lines) on purpose: this is the hot loop every datagram goes through, and its
// steps (framing, start line, header lines, eager header checks, body framing) hand positions and the index to
// each other so that a reader can follow one message from the first byte to the body top to bottom, as with
// Kestrel's HttpParser. The grammars that are not on that path live elsewhere (SipMessageValidator, SipUri,
// NameAddress, ViaHeader, the header name table).

using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace AlwaysConnected.Routing.Sip;

/// <summary>
/// Indexes SIP messages without copying or allocating: one pass over the start line and header lines records
/// where everything lies in a <see cref="SipMessageIndex"/>; values are read later, on demand.
/// </summary>
/// <remarks>
/// Only what framing and transaction matching need is checked eagerly (start line, header line structure,
/// Content-Length, CSeq). Header grammars and required-header rules are checked by <see cref="SipMessageValidator"/>.
/// Errors that leave the line structure intact are recorded and parsing goes on, so the headers needed for an
/// error response (Via, From, To, Call-ID, CSeq) remain readable after an <see cref="OperationStatus.InvalidData"/>.
/// The result is the BCL's <see cref="OperationStatus"/>, as <c>Base64</c> and <c>Utf8</c> return for span operations,
/// rather than a status enum of this library's own.
/// </remarks>
public static class SipParser
{
    private static ReadOnlySpan<byte> EndOfHeaders => "\r\n\r\n"u8;

    /// <summary>
    /// Parses one datagram (RFC 3261 §18.3): the message is framed by Content-Length when present (extra bytes are
    /// ignored), otherwise the body is the rest of the datagram.
    /// </summary>
    /// <param name="datagram">The datagram bytes; the caller keeps owning them and must keep them unchanged while the message is used.</param>
    /// <param name="index">The reusable index to fill.</param>
    /// <param name="message">The message (also after an error: what could be read).</param>
    /// <returns><see cref="OperationStatus.Done"/> or <see cref="OperationStatus.InvalidData"/> (never NeedMoreData, never DestinationTooSmall).</returns>
    public static OperationStatus TryParseDatagram(ReadOnlySpan<byte> datagram, SipMessageIndex index, out SipMessage message)
    {
        ArgumentNullException.ThrowIfNull(index);
        index.Reset();
        var status = ParseContiguous(datagram, index, isStream: false, out int start, out int length);
        message = new SipMessage(datagram.Slice(start, length), index);
        return status;
    }

    /// <summary>
    /// Parses the first message of a byte stream (TCP, TLS, WebSocket payload): the header section must be complete
    /// and the body is exactly Content-Length bytes. Leading CRLF keep-alives are skipped.
    /// </summary>
    /// <param name="input">The bytes received so far. A single segment is viewed in place; several segments are copied once into the index.</param>
    /// <param name="index">The reusable index to fill.</param>
    /// <param name="message">The message (also after an error: what could be read).</param>
    /// <param name="consumed">
    /// Just after the message on success, and on an error that left the framing intact (the caller may answer and
    /// go on); the start of <paramref name="input"/> on NeedMoreData and on framing errors (close the connection).
    /// </param>
    /// <returns>
    /// <see cref="OperationStatus.Done"/>, <see cref="OperationStatus.NeedMoreData"/> (incomplete, not malformed) or
    /// <see cref="OperationStatus.InvalidData"/>; never <see cref="OperationStatus.DestinationTooSmall"/> (the index grows).
    /// </returns>
    public static OperationStatus TryParseStream(in ReadOnlySequence<byte> input, SipMessageIndex index, out SipMessage message, out SequencePosition consumed)
    {
        ArgumentNullException.ThrowIfNull(index);
        index.Reset();
        if (input.IsSingleSegment)
        {
            var span = input.FirstSpan;
            var status = ParseContiguous(span, index, isStream: true, out int start, out int length);
            message = new SipMessage(span.Slice(start, length), index);
            consumed = status == OperationStatus.Done || (status == OperationStatus.InvalidData && index.FramingIntact)
                ? input.GetPosition(start + length)
                : input.Start;
            return status;
        }

        return ParseMultiSegment(input, index, out message, out consumed);
    }

    private static OperationStatus ParseMultiSegment(in ReadOnlySequence<byte> input, SipMessageIndex index, out SipMessage message, out SequencePosition consumed)
    {
        consumed = input.Start;
        message = new SipMessage(default, index);
        int max = index.Options.MaxMessageSize;

        var reader = new SequenceReader<byte>(input);
        while (reader.IsNext("\r\n"u8, advancePast: true))
        {
        }

        long skipped = reader.Consumed;
        long available = input.Length - skipped;
        if (available == 0)
        {
            return OperationStatus.NeedMoreData;
        }

        if (!reader.TryReadTo(out ReadOnlySequence<byte> _, EndOfHeaders, advancePastDelimiter: true))
        {
            return available > max ? Fail(index, SipParseErrorCode.MessageTooLarge, max) : OperationStatus.NeedMoreData;
        }

        long headLength = reader.Consumed - skipped;
        if (headLength > max)
        {
            return Fail(index, SipParseErrorCode.MessageTooLarge, max);
        }

        var body = input.Slice(reader.Position);
        byte[] buffer = index.GetLinearBuffer((int)headLength);
        input.Slice(skipped, headLength).CopyTo(buffer);
        var head = new ReadOnlySpan<byte>(buffer, 0, (int)headLength);

        var headResult = ParseHead(head, index, out bool framingBroken);
        if (headResult == HeadResult.Fatal || framingBroken)
        {
            message = new SipMessage(head, index);
            return OperationStatus.InvalidData;
        }

        var status = FrameBody(index, (int)headLength, headLength + body.Length, isStream: true, out int messageLength);
        if (status == OperationStatus.NeedMoreData || (status == OperationStatus.InvalidData && !index.FramingIntact))
        {
            message = new SipMessage(head, index);
            return status;
        }

        buffer = index.GetLinearBuffer(messageLength);
        body.Slice(0, messageLength - (int)headLength).CopyTo(buffer.AsSpan((int)headLength));
        message = new SipMessage(new ReadOnlySpan<byte>(buffer, 0, messageLength), index);
        consumed = input.GetPosition(skipped + messageLength);
        return index.Error.IsError ? OperationStatus.InvalidData : OperationStatus.Done;
    }

    private static OperationStatus ParseContiguous(ReadOnlySpan<byte> input, SipMessageIndex index, bool isStream, out int start, out int length)
    {
        start = 0;
        while (start + 1 < input.Length && input[start] == '\r' && input[start + 1] == '\n')
        {
            start += 2;
        }

        var msg = input[start..];
        length = msg.Length;
        int max = index.Options.MaxMessageSize;
        if (msg.IsEmpty || (isStream && msg.Length == 1 && msg[0] == '\r'))
        {
            length = 0;
            return isStream ? OperationStatus.NeedMoreData : Fail(index, SipParseErrorCode.EmptyMessage, 0);
        }

        bool tooLarge = false;
        if (isStream)
        {
            int headEnd = msg.IndexOf(EndOfHeaders);
            if (headEnd < 0)
            {
                length = 0;
                return msg.Length > max ? Fail(index, SipParseErrorCode.MessageTooLarge, max) : OperationStatus.NeedMoreData;
            }

            if (headEnd + EndOfHeaders.Length > max)
            {
                length = 0;
                return Fail(index, SipParseErrorCode.MessageTooLarge, max);
            }
        }
        else if (msg.Length > max)
        {
            // Index what fits so that a 513 response can still be addressed.
            tooLarge = true;
            msg = msg[..max];
            length = max;
        }

        var headResult = ParseHead(msg, index, out bool framingBroken);
        if (tooLarge)
        {
            index.Error = new SipParseError(SipParseErrorCode.MessageTooLarge, max);
            index.FramingIntact = false;
            return OperationStatus.InvalidData;
        }

        if (headResult == HeadResult.Fatal || framingBroken)
        {
            index.FramingIntact = false;
            return OperationStatus.InvalidData;
        }

        if (headResult == HeadResult.Incomplete)
        {
            // Only a datagram gets here: a stream head was known to be complete.
            if (!index.Error.IsError)
            {
                index.Error = new SipParseError(SipParseErrorCode.IncompleteHeaderSection, msg.Length);
            }

            index.FramingIntact = false;
            return OperationStatus.InvalidData;
        }

        var status = FrameBody(index, index.HeadLength, msg.Length, isStream, out int messageLength);
        if (status == OperationStatus.NeedMoreData)
        {
            length = 0;
            return status;
        }

        if (status == OperationStatus.Done || index.FramingIntact)
        {
            length = messageLength;
        }

        return index.Error.IsError ? OperationStatus.InvalidData : status;
    }

    /// <summary>Decides the body range once the head is indexed.</summary>
    private static OperationStatus FrameBody(SipMessageIndex index, int headLength, long available, bool isStream, out int messageLength)
    {
        messageLength = headLength;
        long contentLength = index.ContentLength;
        index.BodyStart = headLength;
        if (contentLength < 0)
        {
            if (isStream)
            {
                index.FramingIntact = false;
                return FailKeep(index, SipParseErrorCode.MissingContentLength, headLength);
            }

            messageLength = (int)available;
        }
        else
        {
            if (headLength + contentLength > index.Options.MaxMessageSize)
            {
                index.FramingIntact = false;
                return FailKeep(index, SipParseErrorCode.BodyTooLarge, index.ContentLengthOffset);
            }

            if (available < headLength + contentLength)
            {
                if (isStream)
                {
                    return OperationStatus.NeedMoreData;
                }

                index.FramingIntact = false;
                messageLength = (int)available;
                index.BodyLength = (int)(available - headLength);
                return FailKeep(index, SipParseErrorCode.BodyTruncated, (int)available);
            }

            messageLength = headLength + (int)contentLength;
        }

        index.BodyLength = messageLength - headLength;
        index.FramingIntact = true;
        return OperationStatus.Done;
    }

    private enum HeadResult
    {
        Complete,
        Incomplete,
        Fatal,
    }

    /// <summary>Indexes the start line and header lines. Structural problems stop; value problems are recorded and parsing goes on.</summary>
    /// <remarks>
    /// Kept out of its callers on purpose: inlined into them, the JIT ran out of inlining budget and left the
    /// per-line helpers (line break lookup, whitespace checks) as calls, with most locals on the stack.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static HeadResult ParseHead(ReadOnlySpan<byte> msg, SipMessageIndex index, out bool framingBroken)
    {
        framingBroken = false;
        var options = index.Options;
        int maxLine = options.MaxLineLength;
        int maxHeaders = options.MaxHeaderCount;
        int maxValue = options.MaxHeaderValueLength;

        var lineBreaks = new SipLineBreakFinder(msg);
        int eol = lineBreaks.IndexFrom(0);
        if ((eol < 0 ? msg.Length : eol) > maxLine)
        {
            Fail(index, SipParseErrorCode.StartLineTooLong, maxLine);
            return HeadResult.Fatal;
        }

        if (eol < 0 || (msg[eol] == '\r' && eol + 1 == msg.Length))
        {
            return HeadResult.Incomplete;
        }

        if (msg[eol] != '\r' || msg[eol + 1] != '\n')
        {
            Fail(index, SipParseErrorCode.InvalidLineEnding, eol);
            return HeadResult.Fatal;
        }

        index.StartLineLength = eol;
        ParseStartLine(msg[..eol], index);

        int pos = eol + 2;
        while (true)
        {
            if (pos >= msg.Length)
            {
                return HeadResult.Incomplete;
            }

            byte first = msg[pos];
            if (first == '\r')
            {
                if (pos + 1 >= msg.Length)
                {
                    return HeadResult.Incomplete;
                }

                if (msg[pos + 1] != '\n')
                {
                    Fail(index, SipParseErrorCode.InvalidLineEnding, pos);
                    return HeadResult.Fatal;
                }

                index.HeadLength = pos + 2;
                return HeadResult.Complete;
            }

            // The usual header line: one physical line ending in CRLF, no continuation line after it, a name
            // directly followed by its colon. Every check the general path below makes passes for such a line, so
            // it is indexed here in one go; any other line takes the general path from the same position.
            int cr = lineBreaks.IndexFrom(pos);
            if (cr >= 0 && cr + 2 < msg.Length && cr - pos <= maxLine
                && msg[cr] == '\r' && msg[cr + 1] == '\n' && !SipCharacters.IsWhitespace(msg[cr + 2])
                && index.HeaderCount < maxHeaders
                && (SipCommonHeaderNames.TryMatch(msg[pos..], out var commonId, out int commonNameLength)
                    || TryMatchOtherName(msg, pos, out commonId, out commonNameLength)))
            {
                // No CR or LF lies before cr, so SP and HTAB are the only whitespace to trim.
                int valueStart = pos + commonNameLength + 1;
                int trimmedEnd = cr;
                while (valueStart < trimmedEnd && SipCharacters.IsWhitespace(msg[valueStart]))
                {
                    valueStart++;
                }

                while (trimmedEnd > valueStart && SipCharacters.IsWhitespace(msg[trimmedEnd - 1]))
                {
                    trimmedEnd--;
                }

                if (trimmedEnd - valueStart > maxValue)
                {
                    Fail(index, SipParseErrorCode.HeaderValueTooLong, valueStart + maxValue);
                    return HeadResult.Fatal;
                }

                index.AddHeader(new SipHeader(commonId, pos, commonNameLength, valueStart, trimmedEnd - valueStart, pos, cr + 2 - pos, -1, 0));
                if (commonId is SipHeaderId.ContentLength or SipHeaderId.CSeq)
                {
                    CheckEagerHeader(msg[valueStart..trimmedEnd], index, valueStart, commonId, ref framingBroken);
                }

                pos = cr + 2;
                continue;
            }

            pos = ParseHeaderField(msg, index, ref lineBreaks, pos, ref framingBroken, out var stop);
            if (pos < 0)
            {
                return stop;
            }
        }
    }

    /// <summary>
    /// A name that is not one of the common ones but, like them, is a token directly followed by its colon (an
    /// extension header, a compact form, a rarer RFC header): what the general path would find, without its searches.
    /// </summary>
    /// <param name="msg">The message; a line break follows <paramref name="pos"/>, and it is no token byte.</param>
    /// <param name="pos">The start of the header line.</param>
    /// <param name="id">The header id.</param>
    /// <param name="nameLength">The name length.</param>
    /// <returns>False when the line needs the general path (no name, or something other than a colon after it).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryMatchOtherName(ReadOnlySpan<byte> msg, int pos, out SipHeaderId id, out int nameLength)
    {
        int end = pos;
        while (SipCharacterClass.Is(msg[end], SipCharacterClass.Token))
        {
            end++;
        }

        nameLength = end - pos;
        if (nameLength == 0 || msg[end] != ':')
        {
            id = SipHeaderId.Extension;
            return false;
        }

        id = SipHeaderNameLookup.GetId(msg.Slice(pos, nameLength));
        return true;
    }

    /// <summary>
    /// Indexes the header field starting at <paramref name="pos"/> the general way: continuation lines, whitespace
    /// before the colon, any name form, and every structural error.
    /// </summary>
    /// <returns>The position after the field, or -1 when parsing stops with <paramref name="stop"/>.</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int ParseHeaderField(ReadOnlySpan<byte> msg, SipMessageIndex index, ref SipLineBreakFinder lineBreaks, int pos, ref bool framingBroken, out HeadResult stop)
    {
        stop = HeadResult.Complete;
        int maxLine = index.Options.MaxLineLength;
        byte first = msg[pos];

        // Find the end of this header, including continuation lines.
        int lineStart = pos;
        int valueEnd;
        bool folded = false;
        int lineEnd;
        int scan = pos;
        while (true)
        {
            int found = lineBreaks.IndexFrom(scan);
            int rel = found < 0 ? -1 : found - scan;
            int lineLength = (rel < 0 ? msg.Length : scan + rel) - scan;
            if (lineLength > maxLine)
            {
                Fail(index, SipParseErrorCode.HeaderLineTooLong, scan + maxLine);
                stop = HeadResult.Fatal;
                return -1;
            }

            if (rel < 0)
            {
                stop = HeadResult.Incomplete;
                return -1;
            }

            int lineBreak = scan + rel;
            if (msg[lineBreak] != '\r')
            {
                Fail(index, SipParseErrorCode.InvalidLineEnding, lineBreak);
                stop = HeadResult.Fatal;
                return -1;
            }

            if (lineBreak + 2 >= msg.Length)
            {
                // Whether the next line continues this one is not known yet.
                stop = HeadResult.Incomplete;
                return -1;
            }

            if (msg[lineBreak + 1] != '\n')
            {
                Fail(index, SipParseErrorCode.InvalidLineEnding, lineBreak);
                stop = HeadResult.Fatal;
                return -1;
            }

            valueEnd = lineBreak;
            lineEnd = lineBreak + 2;
            if (!SipCharacters.IsWhitespace(msg[lineEnd]))
            {
                break;
            }

            folded = true;
            scan = lineEnd;
        }

        if (SipCharacters.IsWhitespace(first))
        {
            // A continuation line with no header before it (right after the start line).
            Defer(index, SipParseErrorCode.InvalidFolding, lineStart);
            return lineEnd;
        }

        if (index.HeaderCount >= index.Options.MaxHeaderCount)
        {
            Fail(index, SipParseErrorCode.TooManyHeaders, lineStart);
            stop = HeadResult.Fatal;
            return -1;
        }

        ParseHeaderLine(msg, index, lineStart, lineEnd, valueEnd, folded, ref framingBroken, out bool fatal);
        if (fatal)
        {
            stop = HeadResult.Fatal;
            return -1;
        }

        return lineEnd;
    }

    /// <summary>The general path for one header: any name form, whitespace before the colon, folded values.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ParseHeaderLine(ReadOnlySpan<byte> msg, SipMessageIndex index, int lineStart, int lineEnd, int valueEnd, bool folded, ref bool framingBroken, out bool fatal)
    {
        fatal = false;
        var line = msg[lineStart..valueEnd];
        if (SipCommonHeaderNames.TryMatch(msg[lineStart..], out var id, out int nameLength))
        {
            // The match includes the colon right after the name, so the general name checks cannot fail.
            AddHeaderValue(msg, index, lineStart, lineEnd, valueEnd, folded, nameLength, nameLength, id, ref framingBroken, out fatal);
            return;
        }

        nameLength = line.IndexOfAnyExcept(SipCharacters.Token);
        if (nameLength < 0)
        {
            Defer(index, SipParseErrorCode.MissingColon, valueEnd);
            return;
        }

        if (nameLength == 0)
        {
            Defer(index, SipParseErrorCode.InvalidHeaderName, lineStart);
            return;
        }

        int colon = nameLength;
        while (colon < line.Length && SipCharacters.IsLws(line[colon]))
        {
            colon++;
        }

        if (colon >= line.Length || line[colon] != ':')
        {
            Defer(index, colon < line.Length && colon == nameLength ? SipParseErrorCode.InvalidHeaderName : SipParseErrorCode.MissingColon, lineStart + colon);
            return;
        }

        AddHeaderValue(msg, index, lineStart, lineEnd, valueEnd, folded, nameLength, colon, SipHeaderNameLookup.GetId(line[..nameLength]), ref framingBroken, out fatal);
    }

    private static void AddHeaderValue(ReadOnlySpan<byte> msg, SipMessageIndex index, int lineStart, int lineEnd, int valueEnd, bool folded, int nameLength, int colon, SipHeaderId id, ref bool framingBroken, out bool fatal)
    {
        fatal = false;
        int valueStart = lineStart + colon + 1;
        int end = valueEnd;
        while (valueStart < end && SipCharacters.IsLws(msg[valueStart]))
        {
            valueStart++;
        }

        while (end > valueStart && SipCharacters.IsLws(msg[end - 1]))
        {
            end--;
        }

        var raw = msg[valueStart..end];

        int unfoldedStart = -1;
        int unfoldedLength = 0;
        ReadOnlySpan<byte> value = raw;
        if (folded && raw.Contains((byte)'\r'))
        {
            var destination = index.ReserveUnfolded(raw.Length, out unfoldedStart);
            unfoldedLength = Unfold(raw, destination);
            index.CommitUnfolded(unfoldedStart, unfoldedLength);
            value = index.Unfolded.Slice(unfoldedStart, unfoldedLength);
        }

        if (value.Length > index.Options.MaxHeaderValueLength)
        {
            Fail(index, SipParseErrorCode.HeaderValueTooLong, valueStart + index.Options.MaxHeaderValueLength);
            fatal = true;
            return;
        }

        index.AddHeader(new SipHeader(id, lineStart, nameLength, valueStart, end - valueStart, lineStart, lineEnd - lineStart, unfoldedStart, unfoldedLength));

        if (id is SipHeaderId.ContentLength or SipHeaderId.CSeq)
        {
            CheckEagerHeader(value, index, valueStart, id, ref framingBroken);
        }
    }

    /// <summary>The header values framing and transaction matching need at once: Content-Length and CSeq.</summary>
    private static void CheckEagerHeader(ReadOnlySpan<byte> value, SipMessageIndex index, int valueStart, SipHeaderId id, ref bool framingBroken)
    {
        if (id == SipHeaderId.ContentLength)
        {
            if (index.ContentLength >= 0)
            {
                framingBroken = true;
                Defer(index, SipParseErrorCode.DuplicateContentLength, valueStart, id);
            }
            else if (SipIntegers.TryParseContentLength(value, out int contentLength))
            {
                index.ContentLength = contentLength;
                index.ContentLengthOffset = valueStart;
            }
            else
            {
                framingBroken = true;
                Defer(index, SipParseErrorCode.InvalidContentLength, valueStart, id);
            }
        }
        else if (!CSeqHeader.TryParse(value, out var cseq))
        {
            Defer(index, SipParseErrorCode.InvalidCSeq, valueStart, id);
        }
        else if (index.FirstIndexOf(SipHeaderId.CSeq) == index.HeaderCount - 1)
        {
            // The header just added is the first CSeq: keep where its method lies for the validator.
            index.FirstCSeqMethodStart = (int)Unsafe.ByteOffset(ref MemoryMarshal.GetReference(value), ref MemoryMarshal.GetReference(cseq.MethodBytes));
            index.FirstCSeqMethodLength = cseq.MethodBytes.Length;
        }
    }

    /// <summary>Copies a folded value, replacing each run of whitespace around a line break with one space.</summary>
    private static int Unfold(ReadOnlySpan<byte> raw, Span<byte> destination)
    {
        int written = 0;
        while (true)
        {
            int cr = raw.IndexOf((byte)'\r');
            if (cr < 0)
            {
                raw.CopyTo(destination[written..]);
                return written + raw.Length;
            }

            var before = raw[..cr].TrimEnd(" \t"u8);
            before.CopyTo(destination[written..]);
            written += before.Length;
            destination[written++] = (byte)' ';
            int next = cr;
            while (next < raw.Length && SipCharacters.IsLws(raw[next]))
            {
                next++;
            }

            raw = raw[next..];
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ParseStartLine(ReadOnlySpan<byte> line, SipMessageIndex index)
    {
        // "SIP/" in any case with one word compare; only the letters are folded, so no other byte can pass for '/'.
        if (line.Length >= 4 && (BinaryPrimitives.ReadUInt32LittleEndian(line) | 0x0020_2020u) == SipSlashLower)
        {
            ParseStatusLine(line, index);
            return;
        }

        index.IsRequest = true;
        int sp1 = line.IndexOf((byte)' ');
        if (sp1 < 0)
        {
            Defer(index, SipParseErrorCode.InvalidStartLine, line.Length);
            return;
        }

        var method = line[..sp1];
        var known = SipMethods.Parse(method);
        if (known is SipMethod.None or SipMethod.Extension)
        {
            // A known method is a token by definition; only other names need the character check.
            int badMethod = method.IndexOfAnyExcept(SipCharacters.Token);
            if (method.IsEmpty || badMethod >= 0)
            {
                Defer(index, SipParseErrorCode.InvalidMethod, Math.Max(badMethod, 0));
                return;
            }
        }

        index.MethodLength = sp1;
        index.Method = known;

        int uriStart = sp1 + 1;

        // One search finds the space after the Request-URI and shows the URI is visible ASCII, which the URI
        // check would otherwise search for again; any other stop byte takes the two separate searches.
        int sp2 = line[uriStart..].IndexOfAnyExceptInRange((byte)0x21, (byte)0x7E);
        bool uriVisible = sp2 >= 0 && line[uriStart + sp2] == ' ';
        if (!uriVisible)
        {
            sp2 = line[uriStart..].IndexOf((byte)' ');
        }

        if (sp2 < 0)
        {
            index.UriStart = uriStart;
            index.UriLength = line.Length - uriStart;
            Defer(index, SipParseErrorCode.InvalidStartLine, line.Length);
            return;
        }

        index.UriStart = uriStart;
        index.UriLength = sp2;
        int versionStart = uriStart + sp2 + 1;
        index.VersionStart = versionStart;
        index.VersionLength = line.Length - versionStart;

        int uriProblem = FindRequestUriProblem(line.Slice(uriStart, sp2), uriVisible);
        if (uriProblem >= 0)
        {
            Defer(index, SipParseErrorCode.InvalidRequestUri, uriStart + uriProblem);
            return;
        }

        if (!IsValidVersion(line[versionStart..]))
        {
            Defer(index, SipParseErrorCode.InvalidVersion, versionStart);
        }
    }

    private static void ParseStatusLine(ReadOnlySpan<byte> line, SipMessageIndex index)
    {
        int sp = line.IndexOf((byte)' ');
        index.VersionLength = sp < 0 ? line.Length : sp;
        if (sp < 0)
        {
            Defer(index, SipParseErrorCode.InvalidStartLine, line.Length);
            return;
        }

        if (!IsValidVersion(line[..sp]))
        {
            Defer(index, SipParseErrorCode.InvalidVersion, 0);
            return;
        }

        var rest = line[(sp + 1)..];
        bool threeDigits = rest.Length >= 3
            && SipCharacters.IsDigit(rest[0]) && SipCharacters.IsDigit(rest[1]) && SipCharacters.IsDigit(rest[2])
            && (rest.Length == 3 || rest[3] == ' ');
        int code = threeDigits ? ((rest[0] - '0') * 100) + ((rest[1] - '0') * 10) + (rest[2] - '0') : 0;
        if (code is < 100 or > 699)
        {
            Defer(index, SipParseErrorCode.InvalidStatusCode, sp + 1);
            return;
        }

        index.StatusCode = code;
        if (rest.Length > 4)
        {
            index.ReasonStart = sp + 5;
            index.ReasonLength = rest.Length - 4;
        }
        else
        {
            index.ReasonStart = line.Length;
        }
    }

    /// <summary>Returns the offset of the first byte that makes the Request-URI invalid, or -1.</summary>
    /// <param name="uri">The Request-URI.</param>
    /// <param name="knownVisible">Whether the URI is already known to hold only visible ASCII.</param>
    private static int FindRequestUriProblem(ReadOnlySpan<byte> uri, bool knownVisible)
    {
        if (uri.IsEmpty || !SipCharacters.IsAlpha(uri[0]))
        {
            return 0;
        }

        // Visible ASCII only: whitespace and control bytes would be forwarded verbatim otherwise.
        int bad = knownVisible ? -1 : uri.IndexOfAnyExceptInRange((byte)0x21, (byte)0x7E);
        if (bad >= 0)
        {
            return bad;
        }

        if (uri.Length > 4 && (BinaryPrimitives.ReadUInt32LittleEndian(uri) | 0x0020_2020u) == SipColonLower)
        {
            return -1;
        }

        int schemeEnd = uri.IndexOfAnyExcept(SipCharacters.Scheme);
        return schemeEnd < 0 || uri[schemeEnd] != ':' ? Math.Max(schemeEnd, 0) : -1;
    }

    private static uint SipColonLower => BinaryPrimitives.ReadUInt32LittleEndian("sip:"u8);

    private static uint SipSlashLower => BinaryPrimitives.ReadUInt32LittleEndian("sip/"u8);

    /// <summary><c>SIP/1*DIGIT.1*DIGIT</c>, case-insensitive; any version passes here and the validator answers 505.</summary>
    internal static bool IsValidVersion(ReadOnlySpan<byte> version)
    {
        if (version.SequenceEqual("SIP/2.0"u8))
        {
            return true;
        }

        if (version.Length < 7 || !Ascii.EqualsIgnoreCase(version[..4], "SIP/"u8))
        {
            return false;
        }

        var numbers = version[4..];
        int dot = numbers.IndexOf((byte)'.');
        return dot > 0 && dot < numbers.Length - 1
            && !numbers[..dot].ContainsAnyExceptInRange((byte)'0', (byte)'9')
            && !numbers[(dot + 1)..].ContainsAnyExceptInRange((byte)'0', (byte)'9');
    }

    private static OperationStatus Fail(SipMessageIndex index, SipParseErrorCode code, int offset)
    {
        index.Error = new SipParseError(code, offset);
        index.FramingIntact = false;
        return OperationStatus.InvalidData;
    }

    private static OperationStatus FailKeep(SipMessageIndex index, SipParseErrorCode code, int offset)
    {
        Defer(index, code, offset);
        return OperationStatus.InvalidData;
    }

    /// <summary>Records the first error; later ones add nothing a server could act on.</summary>
    private static void Defer(SipMessageIndex index, SipParseErrorCode code, int offset, SipHeaderId header = SipHeaderId.Extension)
    {
        if (!index.Error.IsError)
        {
            index.Error = new SipParseError(code, offset, header);
        }
    }
}
