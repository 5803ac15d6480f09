using System.Collections.Concurrent;

namespace AlwaysConnected.Routing.Services;

/// <summary>A thread-safe in-memory alias directory, the default <see cref="IAliasDirectory"/>.</summary>
internal sealed class InMemoryAliasDirectory : IAliasDirectory
{
    private readonly ConcurrentDictionary<string, string> _entries = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public bool Set(string alias, string entity, string group = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(alias);
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(group);
        _entries[Key(alias, group)] = entity;
        return true;
    }

    /// <inheritdoc />
    public bool Remove(string alias, string group = "")
    {
        ArgumentNullException.ThrowIfNull(alias);
        ArgumentNullException.ThrowIfNull(group);
        return _entries.TryRemove(Key(alias, group), out _);
    }

    /// <inheritdoc />
    public string? Lookup(ReadOnlySpan<char> alias, ReadOnlySpan<char> group)
    {
        // Keys are "group\0alias"; a NUL cannot occur in either part as configured.
        Span<char> key = stackalloc char[Math.Min(alias.Length + group.Length + 1, 512)];
        if (alias.Length + group.Length + 1 > key.Length)
        {
            return null;
        }

        group.CopyTo(key);
        key[group.Length] = '\0';
        alias.CopyTo(key[(group.Length + 1)..]);
        return _entries.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(key, out var entity) ? entity : null;
    }

    private static string Key(string alias, string group) => string.Concat(group, "\0", alias);
}
