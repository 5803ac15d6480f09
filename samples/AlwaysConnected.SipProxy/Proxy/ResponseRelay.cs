using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Text;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.SipProxy.Transport;

namespace AlwaysConnected.SipProxy.Proxy;

/// <summary>Routes a response back (RFC 3261 §16.7 step 9 / §18.2.2): checks the top Via is ours, pops it, sends by the next one.</summary>
internal static class ResponseRelay
{
    /// <summary>Reads our top Via; false when the response is not for us (it is then dropped).</summary>
    public static bool TryReadOurVia(SipMessage response, SipNode node, out string branch, out long connectionId)
    {
        branch = string.Empty;
        connectionId = 0;
        if (!response.TryGetValue(SipHeaderId.Via, 0, out var top) || !ViaHeader.TryParse(top, out var via)
            || !via.Branch.StartsWith(SipText.BranchPrefix))
        {
            return false;
        }

        var sentBy = $"{Encoding.UTF8.GetString(via.Host)}:{via.Port.ToString(CultureInfo.InvariantCulture)}";
        if (!sentBy.Equals(node.SentBy, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        branch = Encoding.ASCII.GetString(via.Branch);
        if (via.Parameters.TryGetValue("cid"u8, out var cid))
        {
            Utf8Parser.TryParse(cid, out connectionId, out _);
        }

        return true;
    }

    /// <summary>Pops our Via (optionally restoring the CSeq number upstream knows) and sends the response on.</summary>
    public static bool TryForward(SipMessage response, SipNode node, long connectionId, HostResolver resolver, uint? cseqNumber, ArrayBufferWriter<byte> output, out string problem)
    {
        problem = string.Empty;
        var span = response.Span;
        ReadOnlySpan<byte> first = default, second = default;
        SipHeader firstHeader = default, secondHeader = default;
        var count = 0;
        foreach (var value in response.EnumerateValues(SipHeaderId.Via))
        {
            // The enumerator is a ref struct: capture what is needed while it is current.
            if (count == 0)
            {
                first = value;
                firstHeader = GetCurrentHeader(response, value);
            }
            else
            {
                second = value;
                secondHeader = GetCurrentHeader(response, value);
                break;
            }

            count++;
        }

        if (second.IsEmpty || !ViaHeader.TryParse(second, out var next))
        {
            problem = "no Via left after ours";
            return false;
        }

        var splices = new List<Splice>(2);
        if (firstHeader.LineRange.Equals(secondHeader.LineRange))
        {
            // "Via: ours, theirs": remove our value and the comma.
            var start = SipText.OffsetOf(span, first);
            splices.Add(new Splice(start, SipText.OffsetOf(span, second) - start, []));
        }
        else
        {
            var line = firstHeader.LineRange;
            splices.Add(new Splice(line.Start.Value, line.End.Value - line.Start.Value, []));
        }

        if (cseqNumber is { } number && response.TryGetHeader(SipHeaderId.CSeq, out var cseqHeader)
            && CSeqHeader.TryParse(response.GetValue(cseqHeader), out var cseq))
        {
            var range = cseqHeader.ValueRange;
            splices.Add(new Splice(range.Start.Value, range.End.Value - range.Start.Value,
                Encoding.ASCII.GetBytes($"{number.ToString(CultureInfo.InvariantCulture)} {Encoding.ASCII.GetString(cseq.MethodBytes)}")));
        }

        splices.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        Splice.Apply(span, [.. splices], output);
        if (connectionId != 0)
        {
            if (!node.TrySendOnConnection(connectionId, output.WrittenSpan))
            {
                problem = "the TCP connection the request came on has closed";
                return false;
            }

            return true;
        }

        if (!SipText.TryGetResponseDestination(next, resolver, out var destination))
        {
            problem = "the next Via's sent-by does not resolve";
            return false;
        }

        node.SendDatagram(output.WrittenSpan, destination);
        return true;
    }

    private static SipHeader GetCurrentHeader(SipMessage message, ReadOnlySpan<byte> value)
    {
        var offset = SipText.OffsetOf(message.Span, value);
        for (var h = 0; h < message.HeaderCount; h++)
        {
            var header = message.GetHeader(h);
            if (header.Id == SipHeaderId.Via && header.LineRange.Start.Value <= offset && offset < header.LineRange.End.Value)
            {
                return header;
            }
        }

        return default;
    }
}
