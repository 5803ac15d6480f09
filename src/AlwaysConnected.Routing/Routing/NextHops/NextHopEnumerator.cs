namespace AlwaysConnected.Routing;

/// <summary>Walks a <c>$target</c> list entry by entry, parsing each in place.</summary>
public ref struct NextHopEnumerator
{
    private ReadOnlySpan<byte> _rest;
    private bool _done;

    /// <summary>Starts before the first entry of <paramref name="text"/>.</summary>
    /// <param name="text">The <c>$target</c> value.</param>
    public NextHopEnumerator(ReadOnlySpan<byte> text)
    {
        _rest = text;
        _done = text.Trim(" \t"u8).IsEmpty;
        Current = default;
    }

    /// <summary>The current entry.</summary>
    public NextHop Current { get; private set; }

    /// <summary>Moves to the next entry.</summary>
    /// <returns>False after the last entry.</returns>
    public bool MoveNext()
    {
        if (_done)
        {
            return false;
        }

        var end = FindSeparator(_rest);
        if (end < 0)
        {
            Current = NextHop.Parse(_rest);
            _done = true;
            return true;
        }

        Current = NextHop.Parse(_rest[..end]);
        _rest = _rest[(end + 1)..];
        return true;
    }

    /// <summary>The first comma outside angle brackets and quotes, or -1.</summary>
    private static int FindSeparator(ReadOnlySpan<byte> text)
    {
        var angle = false;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case (byte)'"' when !angle:
                    quoted = !quoted;
                    break;
                case (byte)'<' when !quoted:
                    angle = true;
                    break;
                case (byte)'>' when !quoted:
                    angle = false;
                    break;
                case (byte)',' when !angle && !quoted:
                    return i;
            }
        }

        return -1;
    }
}
