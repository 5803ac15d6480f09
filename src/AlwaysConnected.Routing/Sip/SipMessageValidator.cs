using System.Text;

namespace AlwaysConnected.Routing.Sip;

/// <summary>
/// Semantic checks run after a successful parse (RFC 3261 §8.2, §16.3): version 2.0, mandatory headers present,
/// single-valued headers not repeated, CSeq method matching the request, and the grammar of the headers a
/// router relies on (Via, From, To, Contact, Max-Forwards, Request-URI).
/// </summary>
public static class SipMessageValidator
{
    /// <summary>Checks a parsed message.</summary>
    /// <param name="message">A message for which the parser returned <see cref="SipParseStatus.Success"/>.</param>
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

        foreach (var id in Required)
        {
            if (!message.TryGetHeader(id, out _))
            {
                return new SipParseError(SipParseErrorCode.MissingRequiredHeader, message.StartLine.Length, id);
            }
        }

        if (requireMaxForwards && message.IsRequest && !message.TryGetHeader(SipHeaderId.MaxForwards, out _))
        {
            return new SipParseError(SipParseErrorCode.MissingRequiredHeader, message.StartLine.Length, SipHeaderId.MaxForwards);
        }

        // One pass over the headers finds the second occurrence of each single-valued header (a scan per header
        // name would walk the list eight times); the first duplicate is reported in SingleValued order.
        Span<int> second = stackalloc int[SingleValued.Length];
        second.Fill(-1);
        var seen = 0u;
        var duplicates = false;
        var headers = message.ParsedIndex is { } parsed ? parsed.Headers : default;
        for (var h = 0; h < headers.Length; h++)
        {
            var slot = SingleValuedSlot(headers[h].Id);
            if (slot < 0)
            {
                continue;
            }

            var bit = 1u << slot;
            if ((seen & bit) == 0)
            {
                seen |= bit;
            }
            else if (second[slot] < 0)
            {
                second[slot] = h;
                duplicates = true;
            }
        }

        if (duplicates)
        {
            for (var slot = 0; slot < SingleValued.Length; slot++)
            {
                if (second[slot] >= 0)
                {
                    return new SipParseError(SipParseErrorCode.DuplicateHeader, headers[second[slot]].NameStart, SingleValued[slot]);
                }
            }
        }

        message.TryGetHeader(SipHeaderId.CSeq, out var cseqHeader);
        if (!CSeqHeader.TryParse(message.GetValue(cseqHeader), out var cseq))
        {
            return new SipParseError(SipParseErrorCode.InvalidHeaderValue, cseqHeader.ValueStart, SipHeaderId.CSeq);
        }

        if (message.IsRequest && !cseq.MethodBytes.SequenceEqual(message.MethodBytes))
        {
            return new SipParseError(SipParseErrorCode.CSeqMethodMismatch, cseqHeader.ValueStart, SipHeaderId.CSeq);
        }

        if (message.TryGetHeader(SipHeaderId.MaxForwards, out var maxForwards)
            && !SipIntegers.TryParseMaxForwards(message.GetValue(maxForwards), out _))
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

        var vias = message.EnumerateValues(SipHeaderId.Via);
        while (vias.MoveNext())
        {
            if (!ViaHeader.TryParse(vias.Current, out _))
            {
                return new SipParseError(SipParseErrorCode.InvalidHeaderValue, vias.CurrentHeader.ValueStart, SipHeaderId.Via);
            }
        }

        foreach (var id in Addresses)
        {
            message.TryGetHeader(id, out var header);
            if (!NameAddress.TryParse(message.GetValue(header), out _))
            {
                return new SipParseError(SipParseErrorCode.InvalidHeaderValue, header.ValueStart, id);
            }
        }

        var contacts = message.EnumerateValues(SipHeaderId.Contact);
        while (contacts.MoveNext())
        {
            if (!contacts.Current.SequenceEqual("*"u8) && !NameAddress.TryParse(contacts.Current, out _))
            {
                return new SipParseError(SipParseErrorCode.InvalidHeaderValue, contacts.CurrentHeader.ValueStart, SipHeaderId.Contact);
            }
        }

        if (message.GetFirstValue(SipHeaderId.CallId).IsEmpty)
        {
            message.TryGetHeader(SipHeaderId.CallId, out var callId);
            return new SipParseError(SipParseErrorCode.InvalidHeaderValue, callId.ValueStart, SipHeaderId.CallId);
        }

        return default;
    }

    // Arrays rather than span-returning properties: enum collection expressions would allocate on every call.
    private static readonly SipHeaderId[] Required =
        [SipHeaderId.Via, SipHeaderId.From, SipHeaderId.To, SipHeaderId.CallId, SipHeaderId.CSeq];

    private static readonly SipHeaderId[] Addresses = [SipHeaderId.From, SipHeaderId.To];

    private static readonly SipHeaderId[] SingleValued =
    [
        SipHeaderId.From, SipHeaderId.To, SipHeaderId.CallId, SipHeaderId.CSeq, SipHeaderId.MaxForwards,
        SipHeaderId.ContentLength, SipHeaderId.ContentType, SipHeaderId.Expires,
    ];

    /// <summary>The position of <paramref name="id"/> in <see cref="SingleValued"/>, or -1.</summary>
    private static int SingleValuedSlot(SipHeaderId id) => id switch
    {
        SipHeaderId.From => 0,
        SipHeaderId.To => 1,
        SipHeaderId.CallId => 2,
        SipHeaderId.CSeq => 3,
        SipHeaderId.MaxForwards => 4,
        SipHeaderId.ContentLength => 5,
        SipHeaderId.ContentType => 6,
        SipHeaderId.Expires => 7,
        _ => -1,
    };
}
