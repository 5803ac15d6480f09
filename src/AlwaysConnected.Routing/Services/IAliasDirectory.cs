namespace AlwaysConnected.Routing.Services;

/// <summary>
/// The alias directory behind <c>$alias.lookup(alias[, group])</c>. The host fills it (<see cref="Set"/>,
/// <see cref="Remove"/>); the rules only read.
/// </summary>
/// <remarks>
/// <see cref="RoutingServices"/> and <c>AddSipRouting</c> default to an in-memory directory
/// (<see cref="RoutingServices.CreateInMemoryAliasDirectory"/>); a host with its own directory implements this
/// interface over it. <see cref="Lookup"/> runs on the routing path: answer in bounded time.
/// </remarks>
public interface IAliasDirectory
{
    /// <summary>Finds the entity an alias stands for.</summary>
    /// <param name="alias">The alias name.</param>
    /// <param name="group">The group id, or empty for the default group.</param>
    /// <returns>The entity, or null when the alias is unknown.</returns>
    string? Lookup(ReadOnlySpan<char> alias, ReadOnlySpan<char> group);

    /// <summary>Adds or replaces an alias.</summary>
    /// <param name="alias">The alias name.</param>
    /// <param name="entity">What it stands for.</param>
    /// <param name="group">The group id; empty for the default group.</param>
    /// <returns>
    /// False when the alias could be kept only in part: a directory shared by several nodes whose store was
    /// unreachable keeps it for this node alone.
    /// </returns>
    bool Set(string alias, string entity, string group = "");

    /// <summary>Removes an alias.</summary>
    /// <param name="alias">The alias name.</param>
    /// <param name="group">The group id; empty for the default group.</param>
    /// <returns><see langword="true"/> when the alias was known.</returns>
    bool Remove(string alias, string group = "");
}
