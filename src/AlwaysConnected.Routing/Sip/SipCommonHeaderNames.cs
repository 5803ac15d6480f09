using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace AlwaysConnected.Routing.Sip;

/// <summary>
/// Recognises the header names that make up nearly every real message straight from the start of a header line,
/// colon included, with at most two 64-bit compares: no per-byte name scan and no second lookup by name.
/// </summary>
/// <remarks>
/// Case is folded only at the byte positions that hold letters, so a control byte can never pass for a
/// <c>-</c> or <c>:</c>. Anything not matched here gives the same answer another way: the parser walks other
/// names (compact forms, rarer headers, extensions) and classifies them by name, and leaves whitespace before
/// the colon to its general path.
/// </remarks>
internal static class SipCommonHeaderNames
{
    // One field per name rather than an array: the JIT reads static readonly fields of an initialised class as
    // constants, so each compare below uses immediates instead of loads.
    private static readonly Pattern Via = new(SipHeaderId.Via);
    private static readonly Pattern From = new(SipHeaderId.From);
    private static readonly Pattern To = new(SipHeaderId.To);
    private static readonly Pattern CallId = new(SipHeaderId.CallId);
    private static readonly Pattern CSeq = new(SipHeaderId.CSeq);
    private static readonly Pattern Contact = new(SipHeaderId.Contact);
    private static readonly Pattern ContentType = new(SipHeaderId.ContentType);
    private static readonly Pattern ContentLength = new(SipHeaderId.ContentLength);
    private static readonly Pattern MaxForwards = new(SipHeaderId.MaxForwards);
    private static readonly Pattern Allow = new(SipHeaderId.Allow);
    private static readonly Pattern Supported = new(SipHeaderId.Supported);
    private static readonly Pattern UserAgent = new(SipHeaderId.UserAgent);
    private static readonly Pattern Route = new(SipHeaderId.Route);
    private static readonly Pattern RecordRoute = new(SipHeaderId.RecordRoute);
    private static readonly Pattern Expires = new(SipHeaderId.Expires);

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
        switch ((int)(head & 0xFF) | 0x20)
        {
            case 'v': return Via.Match(head, second, ref id, ref nameLength);
            case 'f': return From.Match(head, second, ref id, ref nameLength);
            case 't': return To.Match(head, second, ref id, ref nameLength);
            case 'c':
                // The second letter, then the fifth and ninth, tell the five C names apart: one compare each.
                switch ((int)((head >> 8) & 0xFF) | 0x20)
                {
                    case 'a': return CallId.Match(head, second, ref id, ref nameLength);
                    case 's': return CSeq.Match(head, second, ref id, ref nameLength);
                    case 'o':
                        if ((((int)(head >> 32) & 0xFF) | 0x20) == 'a')
                        {
                            return Contact.Match(head, second, ref id, ref nameLength);
                        }

                        return ((int)(second & 0xFF) | 0x20) == 't'
                            ? ContentType.Match(head, second, ref id, ref nameLength)
                            : ContentLength.Match(head, second, ref id, ref nameLength);
                    default: return false;
                }

            case 'm': return MaxForwards.Match(head, second, ref id, ref nameLength);
            case 'a': return Allow.Match(head, second, ref id, ref nameLength);
            case 's': return Supported.Match(head, second, ref id, ref nameLength);
            case 'u': return UserAgent.Match(head, second, ref id, ref nameLength);
            case 'r':
                return ((int)((head >> 8) & 0xFF) | 0x20) == 'o'
                    ? Route.Match(head, second, ref id, ref nameLength)
                    : RecordRoute.Match(head, second, ref id, ref nameLength);
            case 'e': return Expires.Match(head, second, ref id, ref nameLength);
            default: return false;
        }
    }

    /// <summary>A known header's lowercase name plus colon as two little-endian words, with which bits to fold and which bytes to compare.</summary>
    private readonly struct Pattern
    {
        public Pattern(SipHeaderId id)
        {
            // The name comes from the one table of known headers; only the choice of common names is made here.
            var name = SipHeaderNameLookup.GetCanonicalName(id);
            Span<byte> text = stackalloc byte[16];
            Span<byte> fold = stackalloc byte[16];
            Span<byte> keep = stackalloc byte[16];
            for (int i = 0; i <= name.Length; i++)
            {
                byte c = i < name.Length ? name[i] : (byte)':';
                bool letter = char.IsAsciiLetter((char)c);
                text[i] = (byte)(letter ? c | 0x20 : c);
                fold[i] = (byte)(letter ? 0x20 : 0);
                keep[i] = 0xFF;
            }

            Head = BinaryPrimitives.ReadUInt64LittleEndian(text);
            Second = BinaryPrimitives.ReadUInt64LittleEndian(text[8..]);
            HeadFold = BinaryPrimitives.ReadUInt64LittleEndian(fold);
            SecondFold = BinaryPrimitives.ReadUInt64LittleEndian(fold[8..]);
            HeadKeep = BinaryPrimitives.ReadUInt64LittleEndian(keep);
            SecondKeep = BinaryPrimitives.ReadUInt64LittleEndian(keep[8..]);
            NameLength = name.Length;
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

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Match(ulong head, ulong second, ref SipHeaderId id, ref int nameLength)
        {
            if (((head | HeadFold) & HeadKeep) != Head || ((second | SecondFold) & SecondKeep) != Second)
            {
                return false;
            }

            id = Id;
            nameLength = NameLength;
            return true;
        }
    }
}
