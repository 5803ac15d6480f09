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
        if (!IsOurs(response, node, out connectionId) || !response.TryGetValue(SipHeaderId.Via, 0, out var top) || !ViaHeader.TryParse(top, out var via))
        {
            return false;
        }

        branch = Encoding.ASCII.GetString(via.Branch);
        return true;
    }

    /// <summary>Whether the top Via is one this node wrote (our branch prefix and sent-by); reads the TCP connection id it carries. Allocates nothing.</summary>
    public static bool IsOurs(SipMessage response, SipNode node, out long connectionId)
    {
        connectionId = 0;
        if (!response.TryGetValue(SipHeaderId.Via, 0, out var top) || !ViaHeader.TryParse(top, out var via)
            || !via.Branch.StartsWith(SipText.BranchPrefix)
            || via.Port != node.LocalEndPoint.Port || !Ascii.EqualsIgnoreCase(via.Host, node.SentByHost))
        {
            return false;
        }

        if (via.Parameters.TryGetValue("cid"u8, out var cid))
        {
            Utf8Parser.TryParse(cid, out connectionId, out _);
        }

        return true;
    }

    /// <summary>Pops our Via (optionally restoring the CSeq number upstream knows) and sends the response on.</summary>
    public static bool TryForward(SipMessage response, SipNode node, long connectionId, HostResolver resolver, uint? cseqNumber, ArrayBufferWriter<byte> output, out string problem)
    {
        if (!TryWritePopped(response, cseqNumber, output, out var nextValue, out problem))
        {
            return false;
        }

        if (connectionId != 0)
        {
            return TrySendOnConnection(node, connectionId, output, out problem);
        }

        ViaHeader.TryParse(nextValue, out var next);
        if (!SipText.TryGetResponseDestination(next, resolver, out var destination))
        {
            problem = "the next Via's sent-by does not resolve";
            return false;
        }

        node.SendDatagram(output.WrittenSpan, destination);
        return true;
    }

    /// <summary>The packet path's relay: pops our Via and sends by the next one through the worker's next-hop cache. Allocates nothing.</summary>
    public static bool TryForward(SipMessage response, SipNode node, long connectionId, NextHopCache hops, ArrayBufferWriter<byte> output, out string problem)
    {
        if (!TryWritePopped(response, null, output, out var nextValue, out problem))
        {
            return false;
        }

        if (connectionId != 0)
        {
            return TrySendOnConnection(node, connectionId, output, out problem);
        }

        ViaHeader.TryParse(nextValue, out var next);
        var host = next.Received.IsEmpty ? next.Host : next.Received;
        var port = next.Port > 0 ? next.Port : 5060;
        if (next.HasRPort && Utf8Parser.TryParse(next.RPort, out int rport, out _) && rport is > 0 and < 65536)
        {
            port = rport;
        }

        if (!hops.TryResolve(host, port, out var destination))
        {
            problem = "the next Via's sent-by does not resolve";
            return false;
        }

        node.SendDatagram(output.WrittenSpan, destination);
        return true;
    }

    private static bool TrySendOnConnection(SipNode node, long connectionId, ArrayBufferWriter<byte> output, out string problem)
    {
        problem = string.Empty;
        if (!node.TrySendOnConnection(connectionId, output.WrittenSpan))
        {
            problem = "the TCP connection the request came on has closed";
            return false;
        }

        return true;
    }

    /// <summary>Writes the response without our top Via (and with the CSeq number restored when given); gives the next Via's value.</summary>
    private static bool TryWritePopped(SipMessage response, uint? cseqNumber, ArrayBufferWriter<byte> output, out ReadOnlySpan<byte> nextValue, out string problem)
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

        nextValue = second;
        if (second.IsEmpty || !ViaHeader.TryParse(second, out _))
        {
            problem = "no Via left after ours";
            return false;
        }

        int removeStart, removeEnd;
        if (firstHeader.LineRange.Equals(secondHeader.LineRange))
        {
            // "Via: ours, theirs": remove our value and the comma.
            removeStart = SipText.OffsetOf(span, first);
            removeEnd = SipText.OffsetOf(span, second);
        }
        else
        {
            removeStart = firstHeader.LineRange.Start.Value;
            removeEnd = firstHeader.LineRange.End.Value;
        }

        if (cseqNumber is { } number && response.TryGetHeader(SipHeaderId.CSeq, out var cseqHeader)
            && CSeqHeader.TryParse(response.GetValue(cseqHeader), out var cseq))
        {
            // The PBX core's path (a re-sent request's CSeq back to the caller's): not the packet path, may allocate.
            var splices = new List<Splice>(2) { new(removeStart, removeEnd - removeStart, []) };
            var range = cseqHeader.ValueRange;
            splices.Add(new Splice(range.Start.Value, range.End.Value - range.Start.Value,
                Encoding.ASCII.GetBytes($"{number.ToString(CultureInfo.InvariantCulture)} {Encoding.ASCII.GetString(cseq.MethodBytes)}")));
            splices.Sort((a, b) => a.Offset.CompareTo(b.Offset));
            Splice.Apply(span, [.. splices], output);
            return true;
        }

        output.Write(span[..removeStart]);
        output.Write(span[removeEnd..]);
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
