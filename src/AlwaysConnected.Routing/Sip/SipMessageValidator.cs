using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace AlwaysConnected.Routing.Sip;

/// <summary>
/// Semantic checks run after a successful parse (RFC 3261 §8.2, §16.3): version 2.0, mandatory headers present,
/// single-valued headers not repeated, CSeq method matching the request, and the grammar of the headers a
/// router relies on (Via, From, To, Contact, Max-Forwards, Request-URI).
/// </summary>
internal static class SipMessageValidator
{
    /// <summary>Checks a parsed message.</summary>
    /// <param name="message">A message for which the parser returned <see cref="OperationStatus.Done"/>.</param>
    /// <param name="error">The first problem found, with its offset and suggested status.</param>
    /// <param name="requireMaxForwards">Whether a request without Max-Forwards is an error (RFC 3261 says it MUST be present, RFC 2543 peers omit it).</param>
    /// <returns>Whether the message passed every check.</returns>
    public static bool TryValidate(in SipMessage message, out SipParseError error, bool requireMaxForwards = false)
    {
        error = Validate(message, requireMaxForwards);
        return !error.IsError;
    }

    private static SipParseError Validate(in SipMessage message, bool requireMaxForwards)
    {
        if (!Ascii.EqualsIgnoreCase(message.Version, "SIP/2.0"u8))
        {
            int versionOffset = message.IsRequest ? message.RequestUriRange.End.Value + 1 : 0;
            return new SipParseError(SipParseErrorCode.VersionNotSupported, versionOffset);
        }

        // The headers found here are the ones read below: one index look-up each.
        if (!message.TryGetHeader(SipHeaderId.Via, out var via))
        {
            return Missing(message, SipHeaderId.Via);
        }

        if (!message.TryGetHeader(SipHeaderId.From, out var from))
        {
            return Missing(message, SipHeaderId.From);
        }

        if (!message.TryGetHeader(SipHeaderId.To, out var to))
        {
            return Missing(message, SipHeaderId.To);
        }

        if (!message.TryGetHeader(SipHeaderId.CallId, out var callId))
        {
            return Missing(message, SipHeaderId.CallId);
        }

        if (!message.TryGetHeader(SipHeaderId.CSeq, out var cseqHeader))
        {
            return Missing(message, SipHeaderId.CSeq);
        }

        bool hasMaxForwards = message.TryGetHeader(SipHeaderId.MaxForwards, out var maxForwards);
        if (requireMaxForwards && message.IsRequest && !hasMaxForwards)
        {
            return Missing(message, SipHeaderId.MaxForwards);
        }

        // The index records which ids were added twice: only then is the header list walked to find the repeat.
        var index = message.ParsedIndex!;
        ulong repeated = index.RepeatedIds;
        if ((repeated & SingleValuedMask) != 0)
        {
            var duplicate = FindFirstDuplicate(index);
            if (duplicate.IsError)
            {
                return duplicate;
            }
        }

        // The parser already read the first CSeq and kept where its method lies when it was valid.
        var cseqValue = message.GetValue(cseqHeader);
        ReadOnlySpan<byte> cseqMethod;
        int methodStart = index.FirstCSeqMethodStart;
        int methodLength = index.FirstCSeqMethodLength;
        if (methodLength > 0 && (uint)methodStart <= (uint)cseqValue.Length && (uint)methodLength <= (uint)(cseqValue.Length - methodStart))
        {
            cseqMethod = cseqValue.Slice(methodStart, methodLength);
        }
        else if (CSeqHeader.TryParse(cseqValue, out var cseq))
        {
            cseqMethod = cseq.MethodBytes;
        }
        else
        {
            return new SipParseError(SipParseErrorCode.InvalidHeaderValue, cseqHeader.ValueStart, SipHeaderId.CSeq);
        }

        if (message.IsRequest && !cseqMethod.SequenceEqual(message.MethodBytes))
        {
            return new SipParseError(SipParseErrorCode.CSeqMethodMismatch, cseqHeader.ValueStart, SipHeaderId.CSeq);
        }

        if (hasMaxForwards && !SipIntegers.TryParseMaxForwards(message.GetValue(maxForwards), out _))
        {
            return new SipParseError(SipParseErrorCode.InvalidHeaderValue, maxForwards.ValueStart, SipHeaderId.MaxForwards);
        }

        if (message.IsRequest)
        {
            // A Request-URI may not carry a headers component (RFC 3261 §19.1.5); it is never turned into headers.
            if (!SipUri.TryParse(message.RequestUri, out var requestUri) || (requestUri.IsSip && !requestUri.Headers.IsEmpty))
            {
                return new SipParseError(SipParseErrorCode.InvalidRequestUri, message.RequestUriRange.Start.Value);
            }
        }

        if (!IsRepeated(repeated, SipHeaderId.Via))
        {
            if (!AreValidVias(message.GetValue(via)))
            {
                return new SipParseError(SipParseErrorCode.InvalidHeaderValue, via.ValueStart, SipHeaderId.Via);
            }
        }
        else
        {
            var vias = message.EnumerateValues(SipHeaderId.Via);
            while (vias.MoveNext())
            {
                if (!ViaHeader.TryParse(vias.Current, out _))
                {
                    return new SipParseError(SipParseErrorCode.InvalidHeaderValue, vias.CurrentHeader.ValueStart, SipHeaderId.Via);
                }
            }
        }

        if (!NameAddress.TryParse(message.GetValue(from), out _))
        {
            return new SipParseError(SipParseErrorCode.InvalidHeaderValue, from.ValueStart, SipHeaderId.From);
        }

        if (!NameAddress.TryParse(message.GetValue(to), out _))
        {
            return new SipParseError(SipParseErrorCode.InvalidHeaderValue, to.ValueStart, SipHeaderId.To);
        }

        if (!IsRepeated(repeated, SipHeaderId.Contact))
        {
            if (message.TryGetHeader(SipHeaderId.Contact, out var contact) && !AreValidContacts(message.GetValue(contact)))
            {
                return new SipParseError(SipParseErrorCode.InvalidHeaderValue, contact.ValueStart, SipHeaderId.Contact);
            }
        }
        else
        {
            var contacts = message.EnumerateValues(SipHeaderId.Contact);
            while (contacts.MoveNext())
            {
                if (!IsValidContact(contacts.Current))
                {
                    return new SipParseError(SipParseErrorCode.InvalidHeaderValue, contacts.CurrentHeader.ValueStart, SipHeaderId.Contact);
                }
            }
        }

        if (message.GetValue(callId).IsEmpty)
        {
            return new SipParseError(SipParseErrorCode.InvalidHeaderValue, callId.ValueStart, SipHeaderId.CallId);
        }

        return default;
    }

    private static SipParseError Missing(in SipMessage message, SipHeaderId id) =>
        new(SipParseErrorCode.MissingRequiredHeader, message.StartLine.Length, id);

    private static bool IsRepeated(ulong repeated, SipHeaderId id) => (repeated & (1UL << ((int)id & 63))) != 0;

    /// <summary>
    /// The Via elements of the only Via header, split as <see cref="SipMessage.EnumerateValues"/> splits them. A value
    /// without quotes, brackets or commas is one element: the trimmed value.
    /// </summary>
    private static bool AreValidVias(ReadOnlySpan<byte> value)
    {
        if (!value.ContainsAny(SipCharacters.ListDelimiters))
        {
            return ViaHeader.TryParse(SipCharacters.TrimLws(value), out _);
        }

        while (true)
        {
            int comma = SipCharacters.IndexOfUnquoted(value, (byte)',', skipAngles: true);
            if (!ViaHeader.TryParse(SipCharacters.TrimLws(comma < 0 ? value : value[..comma]), out _))
            {
                return false;
            }

            if (comma < 0)
            {
                return true;
            }

            value = value[(comma + 1)..];
        }
    }

    /// <summary>The Contact elements of the only Contact header, split as <see cref="SipMessage.EnumerateValues"/> splits them.</summary>
    private static bool AreValidContacts(ReadOnlySpan<byte> value)
    {
        while (true)
        {
            int comma = SipCharacters.IndexOfUnquoted(value, (byte)',', skipAngles: true);
            if (!IsValidContact(SipCharacters.TrimLws(comma < 0 ? value : value[..comma])))
            {
                return false;
            }

            if (comma < 0)
            {
                return true;
            }

            value = value[(comma + 1)..];
        }
    }

    private static bool IsValidContact(ReadOnlySpan<byte> element) =>
        element.SequenceEqual("*"u8) || NameAddress.TryParse(element, out _);

    /// <summary>
    /// The second occurrence of the first repeated single-valued header, in <see cref="SingleValued"/> order. Runs only
    /// when the index saw a repeated id among them, so a valid message never walks the header list.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static SipParseError FindFirstDuplicate(SipMessageIndex index)
    {
        var headers = index.Headers;
        foreach (var id in SingleValued)
        {
            int first = index.FirstIndexOf(id);
            if (first < 0)
            {
                continue;
            }

            for (int h = first + 1; h < headers.Length; h++)
            {
                if (headers[h].Id == id)
                {
                    return new SipParseError(SipParseErrorCode.DuplicateHeader, headers[h].NameStart, id);
                }
            }
        }

        return default;
    }

    // An array rather than a span-returning property: an enum collection expression would allocate on every call.
    private static readonly SipHeaderId[] SingleValued =
    [
        SipHeaderId.From, SipHeaderId.To, SipHeaderId.CallId, SipHeaderId.CSeq, SipHeaderId.MaxForwards,
        SipHeaderId.ContentLength, SipHeaderId.ContentType, SipHeaderId.Expires,
    ];

    /// <summary>The <see cref="SipMessageIndex.RepeatedIds"/> bits of <see cref="SingleValued"/>.</summary>
    private static readonly ulong SingleValuedMask = MaskOf(SingleValued);

    private static ulong MaskOf(SipHeaderId[] ids)
    {
        ulong mask = 0;
        foreach (var id in ids)
        {
            mask |= 1UL << ((int)id & 63);
        }

        return mask;
    }
}
