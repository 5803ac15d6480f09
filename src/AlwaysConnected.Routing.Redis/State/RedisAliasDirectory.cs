using AlwaysConnected.Routing.Redis.Connection;
using AlwaysConnected.Routing.Services;
using StackExchange.Redis;

namespace AlwaysConnected.Routing.Redis.State;

/// <summary>
/// The alias directory shared by the cluster (<c>$alias.lookup</c>): one Redis hash per group.
/// </summary>
/// <remarks>
/// Aliases set through this node are also kept locally. While Redis is away the
/// <see cref="RedisStateOptions.DirectoryPolicy"/> applies: fail-open finds the aliases set through this
/// node, fail-closed finds none.
/// </remarks>
public sealed class RedisAliasDirectory : IAliasDirectory
{
    private readonly RedisStateConnection _connection;
    private readonly IAliasDirectory _local = RoutingServices.CreateInMemoryAliasDirectory();

    /// <summary>Creates the directory over a connection.</summary>
    public RedisAliasDirectory(RedisStateConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
    }

    /// <summary>Adds or replaces an alias on every node.</summary>
    /// <param name="alias">The alias name.</param>
    /// <param name="entity">What it stands for.</param>
    /// <param name="group">The group id; empty for the default group.</param>
    /// <returns>False when Redis was away: the alias is then known to this node only.</returns>
    public bool Set(string alias, string entity, string group = "")
    {
        _local.Set(alias, entity, group);
        if (_connection.TryExecute((_connection.Keys.Aliases(group), alias, entity), static (db, s) => db.HashSet(s.Item1, s.alias, s.entity), out _))
        {
            return true;
        }

        Fallback();
        return false;
    }

    /// <summary>Removes an alias on every node.</summary>
    /// <param name="alias">The alias name.</param>
    /// <param name="group">The group id; empty for the default group.</param>
    /// <returns><see langword="true"/> when it was known here or in Redis.</returns>
    public bool Remove(string alias, string group = "")
    {
        var local = _local.Remove(alias, group);
        _connection.TryExecute((_connection.Keys.Aliases(group), alias), static (db, s) => db.HashDelete(s.Item1, s.alias), out var shared);
        return local | shared;
    }

    /// <inheritdoc />
    public string? Lookup(ReadOnlySpan<char> alias, ReadOnlySpan<char> group)
    {
        if (_connection.TryExecute((_connection.Keys.Aliases(group.ToString()), alias.ToString()), static (db, s) => db.HashGet(s.Item1, s.Item2), out var entity))
        {
            return entity.IsNull ? null : entity.ToString();
        }

        return Fallback() ? null : _local.Lookup(alias, group);
    }

    private bool Fallback()
    {
        var policy = _connection.Options.DirectoryPolicy;
        _connection.Fallback(RedisStateKind.Aliases, policy);
        return policy == RedisOutagePolicy.FailClosed;
    }
}
