namespace AlwaysConnected.Routing.Sip;

/// <summary>
/// Enumerates the comma-separated values of all headers sharing an id, in order. Commas inside quoted strings
/// and inside <c>&lt;&gt;</c> do not split a value.
/// </summary>
public ref struct SipValueEnumerator
{
    private SipHeaderEnumerator _headers;
    private ReadOnlySpan<byte> _rest;
    private bool _inHeader;

    internal SipValueEnumerator(SipHeaderEnumerator headers)
    {
        _headers = headers;
        _rest = default;
        _inHeader = false;
        Current = default;
        CurrentHeader = default;
    }

    /// <summary>The current value, trimmed of surrounding whitespace.</summary>
    public ReadOnlySpan<byte> Current { get; private set; }

    /// <summary>The header the current value comes from.</summary>
    public SipHeader CurrentHeader { get; private set; }

    /// <summary>Returns this enumerator, so that it works in <c>foreach</c>.</summary>
    /// <returns>This enumerator.</returns>
    public readonly SipValueEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next value.</summary>
    /// <returns>Whether there is one.</returns>
    public bool MoveNext()
    {
        if (!_inHeader)
        {
            if (!_headers.MoveNext())
            {
                return false;
            }

            CurrentHeader = _headers.Current;
            _rest = _headers.Message.GetValue(CurrentHeader);
            _inHeader = true;
        }

        int comma = SipCharacters.IndexOfUnquoted(_rest, (byte)',', skipAngles: true);
        if (comma < 0)
        {
            Current = SipCharacters.TrimLws(_rest);
            _rest = default;
            _inHeader = false;
        }
        else
        {
            Current = SipCharacters.TrimLws(_rest[..comma]);
            _rest = _rest[(comma + 1)..];
        }

        return true;
    }
}
