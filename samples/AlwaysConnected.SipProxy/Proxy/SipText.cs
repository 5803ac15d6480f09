using System.Buffers;
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

    /// <summary>Length of a branch written by <see cref="WriteBranch"/>: the prefix and 20 hex digits.</summary>
    public const int BranchLength = 11 + 20;

    /// <summary>
    /// The branch for a forwarded request, derived from the incoming top Via (RFC 3261 §16.11): a retransmission,
    /// the CANCEL and the ACK of a non-2xx map to the same branch, a new transaction to a new one.
    /// </summary>
    public static string DeriveBranch(SipMessage request, ViaHeader topVia, string salt)
    {
        Span<byte> branch = stackalloc byte[BranchLength];
        WriteBranch(request, topVia, Encoding.UTF8.GetBytes(salt), branch);
        return Encoding.ASCII.GetString(branch);
    }

    /// <summary>Writes the derived branch (<see cref="BranchLength"/> bytes) without allocating.</summary>
    public static void WriteBranch(SipMessage request, ViaHeader topVia, ReadOnlySpan<byte> salt, Span<byte> destination)
    {
        var input = new HashInput(t_hashInput ??= new byte[512]);
        input.Append(salt);
        input.Append("|"u8);
        input.Append(topVia.Host);
        input.Append(":"u8);
        input.AppendNumber(topVia.Port);
        input.Append("|"u8);
        if (topVia.Branch.StartsWith("z9hG4bK"u8))
        {
            input.Append(topVia.Branch);
        }
        else
        {
            // RFC 2543 peers: the transaction is identified by the request's own fields (method excluded so CANCEL matches).
            input.Append(request.RequestUri);
            input.Append("|"u8);
            input.Append(request.GetFirstValue(SipHeaderId.CallId));
            input.Append("|"u8);
            input.Append(request.GetFirstValue(SipHeaderId.From));
            input.Append("|"u8);
            if (CSeqHeader.TryParse(request.GetFirstValue(SipHeaderId.CSeq), out var cseq))
            {
                input.AppendNumber(cseq.Number);
            }
        }

        t_hashInput = input.Buffer;
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input.Written, hash);
        BranchPrefix.CopyTo(destination);
        Convert.TryToHexStringLower(hash[..10], destination[BranchPrefix.Length..], out _);
    }

    [ThreadStatic]
    private static byte[]? t_hashInput;

    /// <summary>A growable byte buffer over a per-thread array (it grows only for unusually long Vias).</summary>
    private ref struct HashInput(byte[] buffer)
    {
        private int _length;

        public byte[] Buffer { get; private set; } = buffer;

        public readonly ReadOnlySpan<byte> Written => Buffer.AsSpan(0, _length);

        public void Append(scoped ReadOnlySpan<byte> bytes)
        {
            if (_length + bytes.Length > Buffer.Length)
            {
                var larger = new byte[Math.Max(Buffer.Length * 2, _length + bytes.Length)];
                Buffer.AsSpan(0, _length).CopyTo(larger);
                Buffer = larger;
            }

            bytes.CopyTo(Buffer.AsSpan(_length));
            _length += bytes.Length;
        }

        public void AppendNumber(long number)
        {
            Span<byte> digits = stackalloc byte[20];
            Utf8Formatter.TryFormat(number, digits, out var written);
            Append(digits[..written]);
        }
    }

    /// <summary>The top Via value with <c>received</c> and a filled <c>rport</c> (RFC 3261 §18.2.1, RFC 3581).</summary>
    public static byte[] StampTopVia(ReadOnlySpan<byte> viaValue, ViaHeader via, IPEndPoint source)
    {
        var writer = new ArrayBufferWriter<byte>(viaValue.Length + 64);
        var address = source.Address.IsIPv4MappedToIPv6 ? source.Address.MapToIPv4() : source.Address;
        StampTopVia(viaValue, via, Encoding.ASCII.GetBytes(address.ToString()), source.Port, writer);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the top Via value with <c>received</c> and a filled <c>rport</c>; allocates nothing once the writer has room.</summary>
    public static void StampTopVia(ReadOnlySpan<byte> viaValue, ViaHeader via, ReadOnlySpan<byte> sourceAddress, int sourcePort, ArrayBufferWriter<byte> output)
    {
        var rest = viaValue;
        if (via.HasRPort && via.RPort.IsEmpty)
        {
            var at = FindEmptyRPort(viaValue);
            if (at >= 0)
            {
                output.Write(viaValue[..at]);
                output.Write("="u8);
                Utf8Formatter.TryFormat(sourcePort, output.GetSpan(10), out var written);
                output.Advance(written);
                rest = viaValue[at..];
            }
        }

        output.Write(rest);
        var host = via.Host.Trim("[]"u8);
        if (via.Received.IsEmpty && !Ascii.EqualsIgnoreCase(host, sourceAddress))
        {
            output.Write(";received="u8);
            output.Write(sourceAddress);
        }
    }

    /// <summary>Where the value of the first valueless <c>;rport</c> would go (just after it), or -1.</summary>
    private static int FindEmptyRPort(ReadOnlySpan<byte> via)
    {
        var offset = 0;
        while (true)
        {
            var at = IndexOfIgnoreCase(via[offset..], ";rport"u8);
            if (at < 0)
            {
                return -1;
            }

            var end = offset + at + 6;
            if (end == via.Length || via[end] is (byte)';' or (byte)' ' or (byte)'\t' or (byte)',')
            {
                return end;
            }

            offset = end;
        }
    }

    private static int IndexOfIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> lowerValue)
    {
        for (var i = 0; i + lowerValue.Length <= text.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(text.Slice(i, lowerValue.Length), lowerValue))
            {
                return i;
            }
        }

        return -1;
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
