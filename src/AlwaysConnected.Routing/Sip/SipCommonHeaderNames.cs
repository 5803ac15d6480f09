using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace AlwaysConnected.Routing.Sip;

/// <summary>
/// Recognises the header names that make up nearly every real message straight from the start of a header line,
/// colon included, with at most two 64-bit compares: no per-byte name scan and no second lookup by name.
/// </summary>
/// <remarks>
/// Case is folded only at the byte positions that hold letters, so a control byte can never pass for a
/// <c>-</c> or <c>:</c>. Anything not matched here (compact forms, whitespace before the colon, rarer
/// headers) takes the general path, which gives the same answer.
/// </remarks>
internal static class SipCommonHeaderNames
{
    private static readonly Pattern[] Patterns =
    [
        new("Via:", SipHeaderId.Via),
        new("From:", SipHeaderId.From),
        new("To:", SipHeaderId.To),
        new("Call-ID:", SipHeaderId.CallId),
        new("CSeq:", SipHeaderId.CSeq),
        new("Contact:", SipHeaderId.Contact),
        new("Content-Type:", SipHeaderId.ContentType),
        new("Content-Length:", SipHeaderId.ContentLength),
        new("Max-Forwards:", SipHeaderId.MaxForwards),
        new("Allow:", SipHeaderId.Allow),
        new("Supported:", SipHeaderId.Supported),
        new("User-Agent:", SipHeaderId.UserAgent),
        new("Route:", SipHeaderId.Route),
        new("Record-Route:", SipHeaderId.RecordRoute),
        new("Expires:", SipHeaderId.Expires),
    ];

    /// <summary>Matches a common name followed directly by <c>:</c> at the start of <paramref name="text"/>.</summary>
    /// <param name="text">From the first byte of the header line to the end of the message (at least 16 bytes are needed).</param>
    /// <param name="id">The header id.</param>
    /// <param name="nameLength">The name length, without the colon.</param>
    /// <returns>Whether a common name matched; otherwise the caller classifies the name the general way.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryMatch(ReadOnlySpan<byte> text, out SipHeaderId id, out int nameLength)
    {
        id = SipHeaderId.Extension;
        nameLength = 0;
        if (text.Length < 16)
        {
            return false;
        }

        ulong head = BinaryPrimitives.ReadUInt64LittleEndian(text);
        ulong second = BinaryPrimitives.ReadUInt64LittleEndian(text[8..]);
        int first = (int)(head & 0xFF) | 0x20;
        switch (first)
        {
            case 'v': return Match(0, head, second, ref id, ref nameLength);
            case 'f': return Match(1, head, second, ref id, ref nameLength);
            case 't': return Match(2, head, second, ref id, ref nameLength);
            case 'c':
                return Match(3, head, second, ref id, ref nameLength)
                    || Match(4, head, second, ref id, ref nameLength)
                    || Match(5, head, second, ref id, ref nameLength)
                    || Match(6, head, second, ref id, ref nameLength)
                    || Match(7, head, second, ref id, ref nameLength);
            case 'm': return Match(8, head, second, ref id, ref nameLength);
            case 'a': return Match(9, head, second, ref id, ref nameLength);
            case 's': return Match(10, head, second, ref id, ref nameLength);
            case 'u': return Match(11, head, second, ref id, ref nameLength);
            case 'r':
                return Match(12, head, second, ref id, ref nameLength)
                    || Match(13, head, second, ref id, ref nameLength);
            case 'e': return Match(14, head, second, ref id, ref nameLength);
            default: return false;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Match(int which, ulong head, ulong second, ref SipHeaderId id, ref int nameLength)
    {
        ref readonly var p = ref Patterns[which];
        if (((head | p.HeadFold) & p.HeadKeep) != p.Head || ((second | p.SecondFold) & p.SecondKeep) != p.Second)
        {
            return false;
        }

        id = p.Id;
        nameLength = p.NameLength;
        return true;
    }

    /// <summary>A lowercase name plus colon as two little-endian words, with which bits to fold and which bytes to compare.</summary>
    private readonly struct Pattern
    {
        public Pattern(string nameWithColon, SipHeaderId id)
        {
            Span<byte> text = stackalloc byte[16];
            Span<byte> fold = stackalloc byte[16];
            Span<byte> keep = stackalloc byte[16];
            for (int i = 0; i < nameWithColon.Length; i++)
            {
                char c = nameWithColon[i];
                bool letter = char.IsAsciiLetter(c);
                text[i] = (byte)(letter ? char.ToLowerInvariant(c) : c);
                fold[i] = (byte)(letter ? 0x20 : 0);
                keep[i] = 0xFF;
            }

            Head = BinaryPrimitives.ReadUInt64LittleEndian(text);
            Second = BinaryPrimitives.ReadUInt64LittleEndian(text[8..]);
            HeadFold = BinaryPrimitives.ReadUInt64LittleEndian(fold);
            SecondFold = BinaryPrimitives.ReadUInt64LittleEndian(fold[8..]);
            HeadKeep = BinaryPrimitives.ReadUInt64LittleEndian(keep);
            SecondKeep = BinaryPrimitives.ReadUInt64LittleEndian(keep[8..]);
            NameLength = nameWithColon.Length - 1;
            Id = id;
        }

        public ulong Head { get; }

        public ulong Second { get; }

        public ulong HeadFold { get; }

        public ulong SecondFold { get; }

        public ulong HeadKeep { get; }

        public ulong SecondKeep { get; }

        public int NameLength { get; }

        public SipHeaderId Id { get; }
    }
}
