using System.Runtime.InteropServices;
using System.Text;

namespace AlwaysConnected.Routing;

/// <summary>
/// The per-call property bag (for example <c>action.type = pin</c>) that ARS IN writes and ARS OUT
/// reads. The host keeps one per call and carries it from the IN stage to the OUT stage.
/// </summary>
/// <remarks>
/// Values are kept as UTF-8 bytes in a reusable buffer and names are usually the rule's own string
/// instances, so setting and reading properties on the hot path allocates nothing once warm.
/// Not thread-safe: one bag belongs to one call.
/// </remarks>
public sealed class CallProperties
{
    private readonly ByteArena _values = new(256);
    private readonly List<(string Name, int Start, int Length)> _entries = new(4);

    /// <summary>The number of properties set.</summary>
    public int Count => _entries.Count;

    /// <summary>Sets a property, replacing any earlier value.</summary>
    /// <param name="name">The property name, e.g. <c>action.type</c>; compared case-sensitively.</param>
    /// <param name="value">The UTF-8 value.</param>
    public void Set(string name, ReadOnlySpan<byte> value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var start = _values.Append(value);
        var index = IndexOf(name);
        if (index >= 0)
        {
            _entries[index] = (_entries[index].Name, start, value.Length);
        }
        else
        {
            _entries.Add((name, start, value.Length));
        }
    }

    /// <summary>Sets a property from a string value.</summary>
    public void Set(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Span<byte> scratch = value.Length <= 256 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(value.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(value.Length)];
        var written = Encoding.UTF8.GetBytes(value, scratch);
        Set(name, scratch[..written]);
    }

    /// <summary>Reads a property.</summary>
    /// <returns><see langword="true"/> when the property is set.</returns>
    public bool TryGetValue(ReadOnlySpan<char> name, out ReadOnlySpan<byte> value)
    {
        foreach (var (entryName, start, length) in _entries)
        {
            if (name.SequenceEqual(entryName))
            {
                value = _values.Slice(start, length);
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>
    /// Reads a property by a name the engine compiled. Names are interned at load time, so the entry the
    /// same rules set is found by reference before any character is compared.
    /// </summary>
    internal bool TryGetValue(string name, out ReadOnlySpan<byte> value)
    {
        foreach (var (entryName, start, length) in CollectionsMarshal.AsSpan(_entries))
        {
            if (ReferenceEquals(entryName, name) || string.Equals(entryName, name, StringComparison.Ordinal))
            {
                value = _values.Slice(start, length);
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Reads a property as a string (allocates; for tools and logs).</summary>
    public string? GetString(string name) => TryGetValue(name, out var value) ? Encoding.UTF8.GetString(value) : null;

    /// <summary>Copies the properties into a dictionary (allocates; for tools and logs).</summary>
    public IReadOnlyDictionary<string, string> ToDictionary()
    {
        var result = new Dictionary<string, string>(_entries.Count, StringComparer.Ordinal);
        foreach (var (name, start, length) in _entries)
        {
            result[name] = Encoding.UTF8.GetString(_values.Slice(start, length));
        }

        return result;
    }

    /// <summary>Removes every property so the bag can serve the next call.</summary>
    public void Clear()
    {
        // Removing from the end clears each slot directly; List.Clear goes through the general Array.Clear,
        // which costs more than the few entries a call sets.
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            _entries.RemoveAt(i);
        }

        _values.Reset();
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < _entries.Count; i++)
        {
            var entryName = _entries[i].Name;
            if (ReferenceEquals(entryName, name) || string.Equals(entryName, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
