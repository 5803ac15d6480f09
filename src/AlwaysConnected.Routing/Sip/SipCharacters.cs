using System.Buffers;
using System.Runtime.CompilerServices;

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

    /// <summary>Bytes a URI never holds unescaped: controls, SP and DEL.</summary>
    public static readonly SearchValues<byte> UriForbidden = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000B\f\r\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F \u007F"u8);

    /// <summary>Bytes a bare addr-spec (outside <c>&lt;&gt;</c>) may not hold.</summary>
    public static readonly SearchValues<byte> BareAddrSpecForbidden = SearchValues.Create(" \t\r\n?,\"<>"u8);

    /// <summary>Bytes an addr-spec inside <c>&lt;&gt;</c> may not hold.</summary>
    public static readonly SearchValues<byte> BracketedAddrSpecForbidden = SearchValues.Create(" \t\r\n<"u8);

    /// <summary>Where a fast read of a bracketed addr-spec stops: its closing <c>&gt;</c>, or a byte only the general reader judges.</summary>
    public static readonly SearchValues<byte> BracketedAddrSpecStops = SearchValues.Create(" \t\r\n<>"u8);

    /// <summary>Bytes an unquoted parameter value may not hold.</summary>
    public static readonly SearchValues<byte> ParameterValueForbidden = SearchValues.Create(" \t\r\n\",;"u8);

    /// <summary>Bytes that send parameter-list validation off its fast path: whitespace, quotes and commas.</summary>
    public static readonly SearchValues<byte> ParameterListUnusual = SearchValues.Create(" \t\r\n\","u8);

    /// <summary>Token characters plus linear whitespace: an unquoted display name.</summary>
    public static readonly SearchValues<byte> TokenOrLws =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~ \t\r\n"u8);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsLws(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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
    /// <remarks>
    /// Jumps between the bytes that matter with vectorised searches instead of visiting every byte: list and
    /// parameter texts are mostly plain tokens, so typically one search finds the answer.
    /// </remarks>
    public static int IndexOfUnquoted(ReadOnlySpan<byte> span, byte target, bool skipAngles)
    {
        bool inAngles = false;
        int i = 0;
        ReadOnlySpan<byte> angleStops = [target, (byte)'"', (byte)'<', (byte)'>'];
        while (true)
        {
            int rel = skipAngles ? span[i..].IndexOfAny(angleStops) : span[i..].IndexOfAny(target, (byte)'"');
            if (rel < 0)
            {
                return -1;
            }

            i += rel;
            byte b = span[i];
            if (b == target)
            {
                if (!inAngles)
                {
                    return i;
                }
            }
            else if (b == '"')
            {
                i = SkipQuotedString(span, i);
                if (i < 0)
                {
                    return -1;
                }
            }
            else
            {
                // Only reached when skipping angles: b is '<' or '>'.
                inAngles = b == '<';
            }

            i++;
        }
    }

    /// <summary>Returns the index of the quote closing the quoted string opened at <paramref name="open"/>, or -1 when it is unterminated.</summary>
    public static int SkipQuotedString(ReadOnlySpan<byte> span, int open)
    {
        int i = open + 1;
        while (i < span.Length)
        {
            int rel = span[i..].IndexOfAny((byte)'"', (byte)'\\');
            if (rel < 0)
            {
                return -1;
            }

            i += rel;
            if (span[i] == '"')
            {
                return i;
            }

            // A quoted-pair: the escaped byte never closes the string.
            i += 2;
        }

        return -1;
    }
}
