namespace AlwaysConnected.Routing.Sip;

/// <summary>Checked decimal parsing for SIP numbers: digits only, leading zeros allowed, overflow is a failure (never wraps).</summary>
internal static class SipIntegers
{
    /// <summary>Parses <c>1*DIGIT</c> as an unsigned 32-bit number (CSeq, Expires, RSeq).</summary>
    /// <param name="digits">The digits, without sign or whitespace.</param>
    /// <param name="value">The value.</param>
    /// <returns>False when empty, when a byte is not a digit, or when the value exceeds <see cref="uint.MaxValue"/>.</returns>
    public static bool TryParseUInt32(ReadOnlySpan<byte> digits, out uint value)
    {
        bool ok = TryParse(digits, uint.MaxValue, out ulong parsed);
        value = (uint)parsed;
        return ok;
    }

    /// <summary>Parses <c>1*DIGIT</c> as a number between 0 and <paramref name="max"/> (Content-Length, Max-Forwards, ports).</summary>
    /// <param name="digits">The digits, without sign or whitespace.</param>
    /// <param name="max">The largest value accepted (at least 0).</param>
    /// <param name="value">The value.</param>
    /// <returns>False when empty, when a byte is not a digit (a sign included), or when the value exceeds <paramref name="max"/>.</returns>
    public static bool TryParseInt32(ReadOnlySpan<byte> digits, int max, out int value)
    {
        bool ok = TryParse(digits, (ulong)Math.Max(max, 0), out ulong parsed);
        value = ok ? (int)parsed : 0;
        return ok;
    }

    /// <summary>Parses a Content-Length value: 0 to <see cref="int.MaxValue"/>.</summary>
    /// <param name="digits">The digits.</param>
    /// <param name="value">The length.</param>
    /// <returns>Whether the value is valid.</returns>
    public static bool TryParseContentLength(ReadOnlySpan<byte> digits, out int value) => TryParseInt32(digits, int.MaxValue, out value);

    /// <summary>Parses a Max-Forwards value: 0 to 255.</summary>
    /// <param name="digits">The digits.</param>
    /// <param name="value">The hop count.</param>
    /// <returns>Whether the value is valid.</returns>
    public static bool TryParseMaxForwards(ReadOnlySpan<byte> digits, out int value) => TryParseInt32(digits, 255, out value);

    private static bool TryParse(ReadOnlySpan<byte> digits, ulong max, out ulong value)
    {
        value = 0;
        if (digits.IsEmpty)
        {
            return false;
        }

        ulong result = 0;
        foreach (byte b in digits)
        {
            uint digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            // max is at most uint.MaxValue, so result * 10 + digit cannot overflow a ulong before this check fails.
            result = (result * 10) + digit;
            if (result > max)
            {
                return false;
            }
        }

        value = result;
        return true;
    }
}
