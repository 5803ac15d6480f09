using System.Buffers;
using System.Globalization;
using System.Text;

namespace AlwaysConnected.Routing.Patterns;

/// <summary>
/// A character class restricted to what can be decided one byte at a time: an arbitrary set of
/// ASCII characters, plus optionally "every non-ASCII character". Every byte of a multi-byte UTF-8
/// sequence is non-ASCII, so a class that contains all of them accepts the whole sequence byte by byte.
/// </summary>
internal sealed class ByteClass
{
    private readonly ulong _low;
    private readonly ulong _high;

    public ByteClass(ulong low, ulong high, bool includesNonAscii)
    {
        _low = low;
        _high = high;
        IncludesNonAscii = includesNonAscii;
        Span<byte> members = stackalloc byte[256];
        var count = 0;
        for (var b = 0; b < 256; b++)
        {
            if (Contains((byte)b))
            {
                members[count++] = (byte)b;
            }
        }

        MemberCount = count;
        Members = SearchValues.Create(members[..count]);
    }

    /// <summary>Any character but <c>\n</c>: .NET's <c>.</c> without <c>RegexOptions.Singleline</c>.</summary>
    public static ByteClass Dot { get; } = FromAscii(static c => c != '\n', includesNonAscii: true);

    public bool IncludesNonAscii { get; }

    public int MemberCount { get; }

    public SearchValues<byte> Members { get; }

    public static ByteClass FromAscii(Func<char, bool> contains, bool includesNonAscii)
    {
        ulong low = 0, high = 0;
        for (var c = 0; c < 128; c++)
        {
            if (contains((char)c))
            {
                if (c < 64)
                {
                    low |= 1UL << c;
                }
                else
                {
                    high |= 1UL << (c - 64);
                }
            }
        }

        return new ByteClass(low, high, includesNonAscii);
    }

    public static ByteClass Single(byte ascii) => FromAscii(c => c == ascii, includesNonAscii: false);

    public bool Contains(byte b) => b switch
    {
        < 64 => (_low & (1UL << b)) != 0,
        < 128 => (_high & (1UL << (b - 64))) != 0,
        _ => IncludesNonAscii,
    };

    public bool Overlaps(ByteClass other) =>
        (_low & other._low) != 0 || (_high & other._high) != 0 || (IncludesNonAscii && other.IncludesNonAscii);

    public ByteClass Complement() => new(~_low, ~_high, !IncludesNonAscii);

    public ByteClass Union(ByteClass other) => new(_low | other._low, _high | other._high, IncludesNonAscii || other.IncludesNonAscii);

    /// <summary>Writes the members as .NET class ranges (no brackets), each char as <c>\uXXXX</c>.</summary>
    public void AppendRanges(StringBuilder sb)
    {
        var c = 0;
        while (c < 128)
        {
            if (!Contains((byte)c))
            {
                c++;
                continue;
            }

            var start = c;
            while (c + 1 < 128 && Contains((byte)(c + 1)))
            {
                c++;
            }

            AppendChar(sb, start);
            if (c > start)
            {
                sb.Append('-');
                AppendChar(sb, c);
            }

            c++;
        }

        if (IncludesNonAscii)
        {
            sb.Append("\\u0080-\\uFFFF");
        }
    }

    /// <summary>A short readable form for diagnostics, e.g. <c>[0-9]</c> or <c>.</c>.</summary>
    public string Describe()
    {
        if (ReferenceEquals(this, Dot) || (IncludesNonAscii && MemberCount == 255 && !Contains((byte)'\n')))
        {
            return ".";
        }

        var negate = IncludesNonAscii;
        var shown = negate ? Complement() : this;
        var sb = new StringBuilder(negate ? "[^" : "[");
        var c = 0;
        while (c < 128)
        {
            if (!shown.Contains((byte)c))
            {
                c++;
                continue;
            }

            var start = c;
            while (c + 1 < 128 && shown.Contains((byte)(c + 1)))
            {
                c++;
            }

            AppendReadable(sb, start);
            if (c > start)
            {
                sb.Append(c == start + 1 ? "" : "-");
                AppendReadable(sb, c);
            }

            c++;
        }

        return sb.Append(']').ToString();
    }

    private static void AppendChar(StringBuilder sb, int c) =>
        sb.Append("\\u").Append(c.ToString("X4", CultureInfo.InvariantCulture));

    private static void AppendReadable(StringBuilder sb, int c)
    {
        if (c is > 32 and < 127 && c is not ('\\' or ']' or '^' or '-'))
        {
            sb.Append((char)c);
        }
        else
        {
            sb.Append("\\x").Append(c.ToString("X2", CultureInfo.InvariantCulture));
        }
    }
}
