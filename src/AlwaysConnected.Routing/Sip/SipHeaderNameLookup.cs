using System.Diagnostics;
using System.Text;

namespace AlwaysConnected.Routing.Sip;

/// <summary>Maps header names (long or compact form, any case) to <see cref="SipHeaderId"/> and back; <see cref="SipHeader"/> exposes it.</summary>
/// <remarks>
/// The lookups are built once, when the type is first used, from <see cref="KnownSipHeaders"/>; after
/// that a lookup reads arrays only and allocates nothing.
/// </remarks>
internal static class SipHeaderNameLookup
{
    /// <summary>The number of <see cref="SipHeaderId"/> values including <see cref="SipHeaderId.Extension"/>.</summary>
    internal const int IdCount = (int)SipHeaderId.Join + 1;

    /// <summary>The longest known canonical name; longer names are extensions without a lookup.</summary>
    private static readonly int MaxNameLength;

    /// <summary>Canonical names by id, as ASCII bytes; empty for <see cref="SipHeaderId.Extension"/>.</summary>
    private static readonly byte[][] CanonicalNames;

    /// <summary>The compact letter of each id (one lowercase byte per id, 0 when it has none).</summary>
    private static readonly byte[] CompactLetters;

    /// <summary>The id of each compact letter, indexed by the lowercased byte.</summary>
    private static readonly SipHeaderId[] CompactIds;

    /// <summary>
    /// Candidate ids grouped by (name length, low five bits of the first byte): <see cref="BucketStarts"/>[key]
    /// to <see cref="BucketStarts"/>[key + 1] in <see cref="BucketIds"/>. A bucket holds one or two names,
    /// so a lookup compares at most two names, as a switch on length and first letter would.
    /// </summary>
    private static readonly ushort[] BucketStarts;

    private static readonly SipHeaderId[] BucketIds;

#pragma warning disable CA1810 // The tables are built from one another in order; field initialisers could not share the work.
    static SipHeaderNameLookup()
#pragma warning restore CA1810
    {
        var known = KnownSipHeaders.All;
        CanonicalNames = new byte[IdCount][];
        CanonicalNames[0] = [];
        CompactLetters = new byte[IdCount];
        CompactIds = new SipHeaderId[256];
        foreach (var header in known)
        {
            Debug.Assert(CanonicalNames[(int)header.Id] is null, $"{header.Id} is listed twice.");
            CanonicalNames[(int)header.Id] = Encoding.ASCII.GetBytes(header.Name);
            MaxNameLength = Math.Max(MaxNameLength, header.Name.Length);
            if (header.Compact != '\0')
            {
                CompactLetters[(int)header.Id] = (byte)header.Compact;
                CompactIds[header.Compact] = header.Id;
            }
        }

        BucketStarts = new ushort[((MaxNameLength + 1) * 32) + 1];
        foreach (var header in known)
        {
            BucketStarts[BucketKey(header.Name.Length, (byte)header.Name[0]) + 1]++;
        }

        for (int key = 1; key < BucketStarts.Length; key++)
        {
            BucketStarts[key] += BucketStarts[key - 1];
        }

        BucketIds = new SipHeaderId[known.Length];
        var filled = new int[BucketStarts.Length];
        foreach (var header in known)
        {
            int key = BucketKey(header.Name.Length, (byte)header.Name[0]);
            BucketIds[BucketStarts[key] + filled[key]++] = header.Id;
        }
    }

    /// <summary>Classifies a header name without building or hashing a string.</summary>
    /// <param name="name">The header field name as it appears before the colon, without surrounding whitespace.</param>
    /// <returns>The known id, or <see cref="SipHeaderId.Extension"/>.</returns>
    public static SipHeaderId GetId(ReadOnlySpan<byte> name)
    {
        if (name.Length == 1)
        {
            // ASCII letters only differ by 0x20 between cases; other bytes never match a letter after this.
            return CompactIds[name[0] | 0x20];
        }

        if (name.IsEmpty || name.Length > MaxNameLength)
        {
            return SipHeaderId.Extension;
        }

        int key = BucketKey(name.Length, name[0]);
        var names = CanonicalNames;
        var ids = BucketIds;
        for (int i = BucketStarts[key], end = BucketStarts[key + 1]; i < end; i++)
        {
            var id = ids[i];
            if (Ascii.EqualsIgnoreCase(name, names[(int)id]))
            {
                return id;
            }
        }

        return SipHeaderId.Extension;
    }

    /// <summary>The canonical long name of a known header; empty for <see cref="SipHeaderId.Extension"/>.</summary>
    /// <param name="id">The header id.</param>
    /// <returns>The canonical name as ASCII bytes.</returns>
    public static ReadOnlySpan<byte> GetCanonicalName(SipHeaderId id) =>
        (uint)id < (uint)IdCount ? CanonicalNames[(int)id] : default;

    /// <summary>The single-letter compact form of a header (RFC 3261 §7.3.3 and later RFCs), or empty when it has none.</summary>
    /// <param name="id">The header id.</param>
    /// <returns>The compact name as one lowercase ASCII byte, or an empty span.</returns>
    public static ReadOnlySpan<byte> GetCompactName(SipHeaderId id) =>
        (uint)id < (uint)IdCount && CompactLetters[(int)id] != 0 ? CompactLetters.AsSpan((int)id, 1) : default;

    /// <summary>Names of one length whose first bytes agree in their low five bits (both cases of a letter) share a key.</summary>
    private static int BucketKey(int length, byte first) => (length * 32) + (first & 0x1F);
}
