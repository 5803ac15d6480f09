namespace AlwaysConnected.Routing;

/// <summary>
/// The next hops of a decision's <c>$target</c>, in the order to try them (a comma-separated failover list,
/// or one hop). Read in place, without allocating: <c>foreach (var hop in decision.NextHops)</c>.
/// </summary>
/// <remarks>
/// Commas inside <c>&lt;...&gt;</c> or quotes do not split the list. The list is its own enumerator, as
/// <see cref="Sip.SipValueEnumerator"/> is: <c>foreach</c> walks a fresh copy (<see cref="GetEnumerator"/>), so
/// the list itself can be read and enumerated any number of times.
/// </remarks>
public ref struct NextHopList
{
    private readonly ReadOnlySpan<byte> _text;

    // Enumeration state; a list fresh from the constructor or GetEnumerator starts before its first entry.
    private ReadOnlySpan<byte> _rest;
    private bool _started;
    private bool _done;

    /// <summary>Wraps a <c>$target</c> value.</summary>
    /// <param name="text">The value as the rules wrote it; empty for no next hop.</param>
    public NextHopList(ReadOnlySpan<byte> text)
    {
        _text = text;
        _rest = default;
        _started = false;
        _done = false;
        Current = default;
    }

    /// <summary>Whether the list holds no entry.</summary>
    public readonly bool IsEmpty => _text.Trim(" \t"u8).IsEmpty;

    /// <summary>The current entry, after <see cref="MoveNext"/> returned <see langword="true"/>.</summary>
    public NextHop Current { readonly get; private set; }

    /// <summary>The number of entries, valid or not (counts by walking the list).</summary>
    public readonly int Count
    {
        get
        {
            var count = 0;
            foreach (var _ in this)
            {
                count++;
            }

            return count;
        }
    }

    /// <summary>Returns entry <paramref name="index"/> (0-based).</summary>
    /// <param name="index">The position in the list.</param>
    /// <param name="hop">The entry, when the method returns true.</param>
    /// <returns>False when the list has fewer entries.</returns>
    public readonly bool TryGet(int index, out NextHop hop)
    {
        var position = 0;
        foreach (var entry in this)
        {
            if (position++ == index)
            {
                hop = entry;
                return true;
            }
        }

        hop = default;
        return false;
    }

    /// <summary>Returns a copy of this list positioned before its first entry, so that it works in <c>foreach</c>.</summary>
    /// <returns>The list, ready to enumerate.</returns>
    public readonly NextHopList GetEnumerator() => new(_text);

    /// <summary>Moves to the next entry, parsing it in place.</summary>
    /// <returns>False after the last entry.</returns>
    public bool MoveNext()
    {
        if (!_started)
        {
            _started = true;
            _rest = _text;
            _done = _text.Trim(" \t"u8).IsEmpty;
        }

        if (_done)
        {
            return false;
        }

        var end = FindSeparator(_rest);
        if (end < 0)
        {
            Current = NextHop.Parse(_rest);
            _rest = default;
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
