using System.Buffers;

namespace AlwaysConnected.Routing.Sip;

/// <summary>Character classes of the RFC 3261 grammar, as vectorisable search sets.</summary>
internal static class SipCharacters
{
    /// <summary>RFC 3261 <c>token</c>: alphanumerics and <c>-.!%*_+`'~</c>.</summary>
    public static readonly SearchValues<byte> Token =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~"u8);

    /// <summary>Bytes that end a line or start a line ending.</summary>
    public static readonly SearchValues<byte> LineBreak = SearchValues.Create("\r\n"u8);

    /// <summary>Separators of a comma-separated header list that need attention: quotes, angle brackets and the comma itself.</summary>
    public static readonly SearchValues<byte> ListDelimiters = SearchValues.Create("\",<>"u8);

    /// <summary>Characters allowed in a hostname or IPv4 address.</summary>
    public static readonly SearchValues<byte> HostName =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._"u8);

    /// <summary>Characters allowed inside the brackets of an IPv6 reference (including an embedded IPv4 tail).</summary>
    public static readonly SearchValues<byte> IPv6 = SearchValues.Create("0123456789abcdefABCDEF:."u8);

    /// <summary>Characters of a URI scheme after its first letter.</summary>
    public static readonly SearchValues<byte> Scheme =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-."u8);

    public static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t';

    public static bool IsLws(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    public static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    public static bool IsAlpha(byte b) => (uint)((b | 0x20) - 'a') <= 'z' - 'a';

    /// <summary>Trims SP, HTAB, CR and LF on both sides (linear whitespace, including a folded line break).</summary>
    public static ReadOnlySpan<byte> TrimLws(ReadOnlySpan<byte> span)
    {
        int start = 0;
        while (start < span.Length && IsLws(span[start]))
        {
            start++;
        }

        int end = span.Length;
        while (end > start && IsLws(span[end - 1]))
        {
            end--;
        }

        return span[start..end];
    }

    /// <summary>Whether <paramref name="span"/> is a non-empty token.</summary>
    public static bool IsToken(ReadOnlySpan<byte> span) => !span.IsEmpty && !span.ContainsAnyExcept(Token);

    /// <summary>
    /// Finds the first <paramref name="target"/> byte outside quoted strings and (optionally) outside angle brackets.
    /// Returns -1 when absent or when a quoted string is unterminated.
    /// </summary>
    public static int IndexOfUnquoted(ReadOnlySpan<byte> span, byte target, bool skipAngles)
    {
        bool inQuotes = false;
        bool inAngles = false;
        for (int i = 0; i < span.Length; i++)
        {
            byte b = span[i];
            if (inQuotes)
            {
                if (b == '\\')
                {
                    i++;
                }
                else if (b == '"')
                {
                    inQuotes = false;
                }

                continue;
            }

            if (b == target && !inAngles)
            {
                return i;
            }

            if (b == '"')
            {
                inQuotes = true;
            }
            else if (skipAngles && b == '<')
            {
                inAngles = true;
            }
            else if (b == '>')
            {
                inAngles = false;
            }
        }

        return -1;
    }
}
