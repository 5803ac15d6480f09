namespace AlwaysConnected.Routing;

/// <summary>
/// The next hops of a decision's <c>$target</c>, in the order to try them (a comma-separated failover list,
/// or one hop). Read in place, without allocating: <c>foreach (var hop in decision.NextHops)</c>.
/// </summary>
/// <remarks>Commas inside <c>&lt;...&gt;</c> or quotes do not split the list.</remarks>
public readonly ref struct NextHopList
{
    private readonly ReadOnlySpan<byte> _text;

    /// <summary>Wraps a <c>$target</c> value.</summary>
    /// <param name="text">The value as the rules wrote it; empty for no next hop.</param>
    public NextHopList(ReadOnlySpan<byte> text) => _text = text;

    /// <summary>Whether the list holds no entry.</summary>
    public bool IsEmpty => _text.Trim(" \t"u8).IsEmpty;

    /// <summary>The number of entries, valid or not (counts by walking the list).</summary>
    public int Count
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
    public bool TryGet(int index, out NextHop hop)
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

    /// <summary>Returns an enumerator over the entries.</summary>
    /// <returns>The enumerator.</returns>
    public NextHopEnumerator GetEnumerator() => new(_text);
}
