using System.Text;
using System.Buffers;
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
    public static bool TryWrite(SipMessage message, RoutingDecision decision, IBufferWriter<byte> output, out RoutingErrorCode error)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(output);
        error = Validate(message, decision);
        if (error != RoutingErrorCode.None)
        {
            return false;
        }

        var span = message.Span;
        var firstHeaderStart = message.HeaderCount > 0 ? message.GetHeader(0).LineRange.Start.Value : -1;
        var startLineEnd = message.StartLine.Length;

        // Start line, with the Request-URI replaced when the decision rewrites it.
        if (decision.HasRequestUri)
        {
            output.Write(span[..message.RequestUriRange.Start.Value]);
            output.Write(decision.RequestUri);
            output.Write(span[message.RequestUriRange.End.Value..startLineEnd]);
        }
        else
        {
            output.Write(span[..startLineEnd]);
        }

        // The start line's own terminator, as it arrived; headers the decision adds go after it even
        // when the request has no header at all.
        var headerSectionEnd = firstHeaderStart >= 0 ? firstHeaderStart : startLineEnd + LineBreakLength(span[startLineEnd..]);
        output.Write(span[startLineEnd..headerSectionEnd]);

        // Which whole-header edits have been written already (a Set replaces all instances with one).
        Span<bool> written = decision.HeaderEditCount <= 64 ? stackalloc bool[decision.HeaderEditCount] : new bool[decision.HeaderEditCount];
        written.Clear();
        for (var h = 0; h < message.HeaderCount; h++)
        {
            var header = message.GetHeader(h);
            var line = span[header.LineRange];
            headerSectionEnd = header.LineRange.End.Value;
            var name = message.GetName(header);
            var editIndex = FindEdit(decision, header.Id, name);
            if (editIndex < 0)
            {
                output.Write(line);
                continue;
            }

            var edit = decision.GetHeaderEdit(editIndex);
            switch (edit.Kind)
            {
                case HeaderEditKind.Remove:
                    break;
                case HeaderEditKind.Set:
                    if (!written[editIndex])
                    {
                        WriteHeader(output, edit.Name, edit.Value);
                        written[editIndex] = true;
                    }

                    break;
                case HeaderEditKind.ReplaceUri:
                case HeaderEditKind.ReplaceDisplayName:
                    if (!written[editIndex])
                    {
                        WritePartialEdit(output, name, message.GetValue(header), edit);
                        written[editIndex] = true;
                    }
                    else
                    {
                        output.Write(line);
                    }

                    break;
            }
        }

        // Set edits of headers the request did not have are appended after the last header.
        for (var e = 0; e < decision.HeaderEditCount; e++)
        {
            var edit = decision.GetHeaderEdit(e);
            if (edit.Kind == HeaderEditKind.Set && !written[e])
            {
                WriteHeader(output, edit.Name, edit.Value);
            }
        }

        // The empty line and the body, as they arrived.
        output.Write(span[headerSectionEnd..]);
        return true;
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

        if (decision.HasRequestUri && !RequestUriSyntax.IsValid(decision.RequestUri))
        {
            return decision.RequestUri.IndexOfAny("\r\n\0"u8) >= 0 ? RoutingErrorCode.InjectedLineBreak : RoutingErrorCode.InvalidValue;
        }

        for (var e = 0; e < decision.HeaderEditCount; e++)
        {
            var edit = decision.GetHeaderEdit(e);
            if (edit.Value.IndexOfAny("\r\n\0"u8) >= 0 || edit.Name.IndexOfAny("\r\n\0: "u8) >= 0)
            {
                return RoutingErrorCode.InjectedLineBreak;
            }
        }

        return RoutingErrorCode.None;
    }

    /// <summary>The edit that applies to a header: by known id (so compact forms match long ones), else by name.</summary>
    private static int FindEdit(RoutingDecision decision, SipHeaderId id, ReadOnlySpan<byte> name)
    {
        // The last whole-header edit wins over earlier partial ones; the decision keeps them ordered.
        for (var e = decision.HeaderEditCount - 1; e >= 0; e--)
        {
            var editName = decision.GetHeaderEdit(e).Name;
            var editId = SipHeaderNames.GetId(editName);
            if (id != SipHeaderId.Extension ? editId == id : editId == SipHeaderId.Extension && Ascii.EqualsIgnoreCase(editName, name))
            {
                return e;
            }
        }

        return -1;
    }

    private static void WriteHeader(IBufferWriter<byte> output, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        output.Write(name);
        output.Write(": "u8);
        output.Write(value);
        output.Write("\r\n"u8);
    }

    /// <summary>Rewrites the URI or the display name of a name-addr value, keeping the rest.</summary>
    private static void WritePartialEdit(IBufferWriter<byte> output, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, HeaderEdit edit)
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
        if (!address.HasAngleBrackets)
        {
            return default;
        }

        var open = FindUnquotedAngle(value);
        return open > 0 ? value[..open].TrimEnd(" \t"u8) : default;
    }

    private static int FindUnquotedAngle(ReadOnlySpan<byte> value)
    {
        var inQuotes = false;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == (byte)'\\' && inQuotes)
            {
                i++;
            }
            else if (value[i] == (byte)'"')
            {
                inQuotes = !inQuotes;
            }
            else if (value[i] == (byte)'<' && !inQuotes)
            {
                return i;
            }
        }

        return -1;
    }
}
