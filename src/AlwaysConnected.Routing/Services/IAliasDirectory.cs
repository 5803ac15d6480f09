namespace AlwaysConnected.Routing.Services;

/// <summary>The alias directory behind <c>$alias.lookup(alias[, group])</c>. The host supplies its own.</summary>
public interface IAliasDirectory
{
    /// <summary>Finds the entity an alias stands for.</summary>
    /// <param name="alias">The alias name.</param>
    /// <param name="group">The group id, or empty for the default group.</param>
    /// <returns>The entity, or null when the alias is unknown.</returns>
    string? Lookup(ReadOnlySpan<char> alias, ReadOnlySpan<char> group);
}
