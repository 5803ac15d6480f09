using System.Buffers;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.SipProxy.Proxy;

/// <summary>Builds the responses the server sends itself (rejections, 400, 483...): RFC 3261 §8.2.6 copies.</summary>
internal static class ResponseFactory
{
    /// <summary>
    /// False when the request has no readable Via (the answer could not find its way back). From, To, Call-ID and
    /// CSeq are echoed when present: a request refused for lacking one still gets its 400, which the client
    /// matches by its Via branch (RFC 3261 §17.1.3).
    /// </summary>
    public static bool TryBuild(SipMessage request, int statusCode, string reasonPhrase, IPEndPoint source, ArrayBufferWriter<byte> output)
    {
        if (!request.TryGetValue(SipHeaderId.Via, 0, out var topVia) || !ViaHeader.TryParse(topVia, out var via))
        {
            return false;
        }

        var text = new StringBuilder(512);
        text.Append("SIP/2.0 ").Append(statusCode.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(Sanitize(reasonPhrase)).Append("\r\n");
        var span = request.Span;
        var first = true;
        foreach (var value in request.EnumerateValues(SipHeaderId.Via))
        {
            var bytes = first ? SipText.StampTopVia(value, via, source) : value.ToArray();
            first = false;
            text.Append("Via: ").Append(Encoding.UTF8.GetString(bytes)).Append("\r\n");
        }

        if (request.TryGetHeader(SipHeaderId.From, out var from))
        {
            text.Append("From: ").Append(Encoding.UTF8.GetString(request.GetValue(from))).Append("\r\n");
        }

        if (request.TryGetHeader(SipHeaderId.To, out var to))
        {
            var toValue = request.GetValue(to);
            text.Append("To: ").Append(Encoding.UTF8.GetString(toValue));
            // A 100 Trying carries no To tag of ours (RFC 3261 §8.2.6.2); every other answer does.
            if (statusCode != 100 && (!NameAddress.TryParse(toValue, out var toAddress) || !toAddress.Parameters.Contains("tag"u8)))
            {
                // Deterministic, so a retransmitted request gets the same answer.
                var hash = SHA256.HashData(topVia.Length > 0 ? topVia : span);
                text.Append(";tag=acsp").Append(Convert.ToHexStringLower(hash.AsSpan(0, 6)));
            }

            text.Append("\r\n");
        }

        if (request.TryGetHeader(SipHeaderId.CallId, out var callId))
        {
            text.Append("Call-ID: ").Append(Encoding.UTF8.GetString(request.GetValue(callId))).Append("\r\n");
        }

        if (request.TryGetHeader(SipHeaderId.CSeq, out var cseq))
        {
            text.Append("CSeq: ").Append(Encoding.UTF8.GetString(request.GetValue(cseq))).Append("\r\n");
        }

        text.Append("Server: AlwaysConnected.SipProxy\r\nContent-Length: 0\r\n\r\n");
        var encoded = Encoding.UTF8.GetBytes(text.ToString());
        output.Write(encoded);
        return true;
    }

    private static string Sanitize(string reason) =>
        reason.Replace('\r', ' ').Replace('\n', ' ').Replace('\0', ' ');
}
