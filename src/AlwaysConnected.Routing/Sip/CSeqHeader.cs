namespace AlwaysConnected.Routing.Sip;

/// <summary>A CSeq value: <c>number LWS method</c>.</summary>
public readonly ref struct CSeqHeader
{
    private CSeqHeader(uint number, ReadOnlySpan<byte> methodBytes, SipMethod method)
    {
        Number = number;
        MethodBytes = methodBytes;
        Method = method;
    }

    /// <summary>The sequence number (a 32-bit unsigned integer).</summary>
    public uint Number { get; }

    /// <summary>The method.</summary>
    public SipMethod Method { get; }

    /// <summary>The method token as written.</summary>
    public ReadOnlySpan<byte> MethodBytes { get; }

    /// <summary>Reads a CSeq value.</summary>
    /// <param name="value">The (unfolded) header value.</param>
    /// <param name="cseq">The parsed value.</param>
    /// <returns>False when the number is missing, not decimal or above 2^32-1, or the method is not a token.</returns>
    public static bool TryParse(ReadOnlySpan<byte> value, out CSeqHeader cseq)
    {
        cseq = default;
        value = SipCharacters.TrimLws(value);
        // The number is short: walking its digits (and adding them up on the way) is cheaper than a search and a
        // second pass, and the search only runs when a non-digit other than LWS follows them (which the number
        // check then rejects). The sum saturates just above the largest CSeq, so it cannot wrap.
        int gap = 0;
        ulong sum = 0;
        while (gap < value.Length && SipCharacters.IsDigit(value[gap]))
        {
            sum = Math.Min((sum * 10) + (uint)(value[gap] - '0'), (ulong)uint.MaxValue + 1);
            gap++;
        }

        uint number;
        if (gap < value.Length && SipCharacters.IsLws(value[gap]))
        {
            if (gap == 0 || sum > uint.MaxValue)
            {
                return false;
            }

            number = (uint)sum;
        }
        else
        {
            gap = value.IndexOfAny(" \t\r\n"u8);
            if (gap <= 0 || !SipIntegers.TryParseUInt32(value[..gap], out number))
            {
                return false;
            }
        }

        var method = SipCharacters.TrimLws(value[gap..]);
        var known = SipMethods.Parse(method);
        if (known is SipMethod.None or SipMethod.Extension && !SipCharacters.IsToken(method))
        {
            return false;
        }

        cseq = new CSeqHeader(number, method, known);
        return true;
    }
}
