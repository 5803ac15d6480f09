using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.SipProxy.Proxy;

/// <summary>
/// The transport-level edits a proxy makes to a request it forwards (RFC 3261 §16.6): a new top Via
/// with the derived branch, received/rport on the previous top Via, Max-Forwards decremented, and
/// optionally a new Request-URI, an extra header (Record-Route, credentials) or a new CSeq.
/// </summary>
internal static class RequestForwarder
{
    public static bool TryBuild(
        SipMessage request,
        in ForwardEdits edits,
        IPEndPoint source,
        ArrayBufferWriter<byte> output)
    {
        if (!request.TryGetValue(SipHeaderId.Via, 0, out var topViaValue) || !ViaHeader.TryParse(topViaValue, out var topVia)
            || request.HeaderCount == 0)
        {
            return false;
        }

        var span = request.Span;
        var splices = new List<Splice>(6);
        if (edits.RequestUri is not null)
        {
            splices.Add(new Splice(request.RequestUriRange.Start.Value, request.RequestUriRange.End.Value - request.RequestUriRange.Start.Value, edits.RequestUri));
        }

        var hops = SipText.ReadMaxForwards(request);
        var ourLines = new StringBuilder(160);
        ourLines.Append("Via: SIP/2.0/UDP ").Append(edits.SentBy).Append(";branch=").Append(edits.Branch);
        if (edits.ConnectionId != 0)
        {
            // Which TCP connection the response must go back on, carried in our own Via (no table to keep).
            ourLines.Append(";cid=").Append(edits.ConnectionId.ToString(CultureInfo.InvariantCulture));
        }

        ourLines.Append("\r\n");
        if (edits.ExtraHeaders is not null)
        {
            ourLines.Append(edits.ExtraHeaders);
        }

        if (!request.TryGetHeader(SipHeaderId.MaxForwards, out var maxForwards))
        {
            ourLines.Append("Max-Forwards: ").Append((hops - 1).ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }

        splices.Add(new Splice(request.GetHeader(0).LineRange.Start.Value, 0, Encoding.UTF8.GetBytes(ourLines.ToString())));
        var viaOffset = SipText.OffsetOf(span, topViaValue);
        splices.Add(new Splice(viaOffset, topViaValue.Length, SipText.StampTopVia(topViaValue, topVia, source)));
        if (request.TryGetHeader(SipHeaderId.MaxForwards, out maxForwards))
        {
            var range = maxForwards.ValueRange;
            splices.Add(new Splice(range.Start.Value, range.End.Value - range.Start.Value, Encoding.ASCII.GetBytes((hops - 1).ToString(CultureInfo.InvariantCulture))));
        }

        if (edits.CSeqNumber is { } number && request.TryGetHeader(SipHeaderId.CSeq, out var cseqHeader)
            && CSeqHeader.TryParse(request.GetValue(cseqHeader), out var cseq))
        {
            var range = cseqHeader.ValueRange;
            splices.Add(new Splice(range.Start.Value, range.End.Value - range.Start.Value,
                Encoding.ASCII.GetBytes($"{number.ToString(CultureInfo.InvariantCulture)} {Encoding.ASCII.GetString(cseq.MethodBytes)}")));
        }

        if (edits.FromTag is { Length: > 0 } tag && request.TryGetHeader(SipHeaderId.From, out var fromHeader)
            && NameAddress.TryParse(request.GetValue(fromHeader), out var from) && !from.Parameters.Contains("tag"u8))
        {
            splices.Add(new Splice(fromHeader.ValueRange.End.Value, 0, Encoding.UTF8.GetBytes(";tag=" + tag)));
        }

        splices.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        Splice.Apply(span, [.. splices], output);
        return true;
    }

    /// <summary>The From tag of a request, or null.</summary>
    public static string? ReadFromTag(SipMessage request) =>
        NameAddress.TryParse(request.GetFirstValue(SipHeaderId.From), out var from) && from.Parameters.TryGetValue("tag"u8, out var tag) && !tag.IsEmpty
            ? Encoding.UTF8.GetString(tag)
            : null;
}

/// <summary>What <see cref="RequestForwarder"/> changes besides the mandatory edits.</summary>
internal readonly record struct ForwardEdits(string SentBy, string Branch)
{
    public long ConnectionId { get; init; }

    public byte[]? RequestUri { get; init; }

    /// <summary>Whole header lines (CRLF-terminated) added after our Via.</summary>
    public string? ExtraHeaders { get; init; }

    public uint? CSeqNumber { get; init; }

    /// <summary>
    /// A From tag to put back when the rewritten From lost it. The dial plan's <c>From = uri</c> replaces the
    /// whole header (semantics: "replaces all instances"), which drops the tag RFC 3261 §8.1.1.3 requires and
    /// breaks the dialog; the proxy restores the caller's tag.
    /// </summary>
    public string? FromTag { get; init; }
}
