using System.Collections.Concurrent;

namespace AlwaysConnected.Routing.Services;

/// <summary>A thread-safe in-memory alias directory, the default <see cref="IAliasDirectory"/>.</summary>
public sealed class InMemoryAliasDirectory : IAliasDirectory
{
    private readonly ConcurrentDictionary<string, string> _entries = new(StringComparer.Ordinal);

    /// <summary>Adds or replaces an alias.</summary>
    /// <param name="alias">The alias name.</param>
    /// <param name="entity">What it stands for.</param>
    /// <param name="group">The group id; empty for the default group.</param>
    public void Set(string alias, string entity, string group = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(alias);
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(group);
        _entries[Key(alias, group)] = entity;
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
