using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.SipProxy.Proxy;

/// <summary>Small readers and builders over message bytes the proxy needs besides the library's readers.</summary>
internal static class SipText
{
    /// <summary>The prefix of every branch this server generates (RFC 3261 magic cookie + our mark).</summary>
    public static ReadOnlySpan<byte> BranchPrefix => "z9hG4bKacsp"u8;

    /// <summary>Where <paramref name="part"/> starts inside <paramref name="whole"/> (it must be a slice of it).</summary>
    public static int OffsetOf(ReadOnlySpan<byte> whole, ReadOnlySpan<byte> part) =>
        whole.Overlaps(part, out var offset) ? offset : throw new ArgumentException("Not a slice of the message.", nameof(part));

    /// <summary>
    /// The branch for a forwarded request, derived from the incoming top Via (RFC 3261 §16.11): a retransmission,
    /// the CANCEL and the ACK of a non-2xx map to the same branch, a new transaction to a new one.
    /// </summary>
    public static string DeriveBranch(SipMessage request, ViaHeader topVia, string salt)
    {
        var input = new StringBuilder(128).Append(salt).Append('|');
        input.Append(Encoding.UTF8.GetString(topVia.Host)).Append(':').Append(topVia.Port).Append('|');
        if (topVia.Branch.StartsWith("z9hG4bK"u8))
        {
            input.Append(Encoding.UTF8.GetString(topVia.Branch));
        }
        else
        {
            // RFC 2543 peers: the transaction is identified by the request's own fields (method excluded so CANCEL matches).
            input.Append(Encoding.UTF8.GetString(request.RequestUri)).Append('|')
                .Append(Encoding.UTF8.GetString(request.GetFirstValue(SipHeaderId.CallId))).Append('|')
                .Append(Encoding.UTF8.GetString(request.GetFirstValue(SipHeaderId.From))).Append('|');
            if (CSeqHeader.TryParse(request.GetFirstValue(SipHeaderId.CSeq), out var cseq))
            {
                input.Append(cseq.Number);
            }
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(input.ToString()));
        return Encoding.ASCII.GetString(BranchPrefix) + Convert.ToHexStringLower(hash.AsSpan(0, 10));
    }

    /// <summary>The top Via value with <c>received</c> and a filled <c>rport</c> (RFC 3261 §18.2.1, RFC 3581).</summary>
    public static byte[] StampTopVia(ReadOnlySpan<byte> viaValue, ViaHeader via, IPEndPoint source)
    {
        var text = Encoding.UTF8.GetString(viaValue);
        if (via.HasRPort && via.RPort.IsEmpty)
        {
            text = FillRPort(text, source.Port);
        }

        var sourceAddress = source.Address.ToString();
        if (via.Received.IsEmpty && !Encoding.UTF8.GetString(via.Host).Trim('[', ']').Equals(sourceAddress, StringComparison.OrdinalIgnoreCase))
        {
            text += ";received=" + sourceAddress;
        }

        return Encoding.UTF8.GetBytes(text);
    }

    private static string FillRPort(string via, int port)
    {
        var at = 0;
        while ((at = via.IndexOf(";rport", at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var end = at + ";rport".Length;
            if (end == via.Length || via[end] is ';' or ' ' or '\t' or ',')
            {
                return string.Concat(via.AsSpan(0, end), "=", port.ToString(CultureInfo.InvariantCulture), via.AsSpan(end));
            }

            at = end;
        }

        return via;
    }

    /// <summary>The Max-Forwards value; 70 (RFC 3261 default) when absent, -1 when unreadable.</summary>
    public static int ReadMaxForwards(SipMessage message)
    {
        if (!message.TryGetHeader(SipHeaderId.MaxForwards, out var header))
        {
            return 70;
        }

        var value = message.GetValue(header).Trim(" \t"u8);
        return Utf8Parser.TryParse(value, out int hops, out var consumed) && consumed == value.Length && hops >= 0 ? hops : -1;
    }

    /// <summary>Where a response goes (RFC 3261 §18.2.2 with RFC 3581): received/rport when present, else sent-by.</summary>
    public static bool TryGetResponseDestination(ViaHeader via, HostResolver resolver, out IPEndPoint destination)
    {
        var host = via.Received.IsEmpty ? via.Host : via.Received;
        var port = via.Port > 0 ? via.Port : 5060;
        if (via.HasRPort && Utf8Parser.TryParse(via.RPort, out int rport, out _) && rport is > 0 and < 65536)
        {
            port = rport;
        }

        return resolver.TryResolve(Encoding.UTF8.GetString(host).Trim('[', ']'), port, out destination);
    }
}
