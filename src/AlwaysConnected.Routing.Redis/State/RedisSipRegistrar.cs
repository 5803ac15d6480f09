using AlwaysConnected.Routing.Redis.Connection;
using AlwaysConnected.Routing.Services;
using StackExchange.Redis;

namespace AlwaysConnected.Routing.Redis.State;

/// <summary>
/// Registrar lookups shared by the cluster: a user registered through any node is found by the rules of
/// every node. The node that accepts a REGISTER calls <see cref="Register"/>.
/// </summary>
/// <remarks>
/// Registrations made through this node are also kept locally. While Redis is away the
/// <see cref="RedisStateOptions.DirectoryPolicy"/> applies: fail-open finds the users registered through
/// this node, fail-closed finds nobody.
/// </remarks>
public sealed class RedisSipRegistrar : ISipRegistrar
{
    private readonly RedisStateConnection _connection;
    private readonly ISipRegistrar _local = RoutingServices.CreateInMemoryRegistrar();

    /// <summary>Creates the registrar over a connection.</summary>
    public RedisSipRegistrar(RedisStateConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
    }

    /// <summary>Registers (or replaces) the contact of a user on every node.</summary>
    /// <param name="user">The user part.</param>
    /// <param name="contactUri">The contact URI.</param>
    /// <param name="expires">When the registration lapses in Redis (the REGISTER's expiry); null keeps it until removed.</param>
    /// <returns>False when Redis was away: the registration is then known to this node only.</returns>
    public bool Register(string user, string contactUri, TimeSpan? expires = null)
    {
        // The local copy lapses with the shared one, so a fail-open read never finds an expired registration.
        _local.Register(user, contactUri, expires);
        return _connection.TryExecute((_connection.Keys.Registration(user), contactUri, expires), static (db, s) => db.StringSet(s.Item1, s.contactUri, s.expires, When.Always), out _)
            || Fallback();
    }

    /// <summary>Removes the registration of a user on every node.</summary>
    /// <returns><see langword="true"/> when the user was registered here or in Redis.</returns>
    public bool Unregister(string user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var local = _local.Unregister(user);
        _connection.TryExecute(_connection.Keys.Registration(user), static (db, key) => db.KeyDelete(key), out var shared);
        return local | shared;
    }

    /// <inheritdoc />
    public string? GetContact(ReadOnlySpan<char> user)
    {
        if (_connection.TryExecute(_connection.Keys.Registration(user.ToString()), static (db, key) => db.StringGet(key), out var contact))
        {
            return contact.IsNull ? null : contact.ToString();
        }

        return Fallback() ? null : _local.GetContact(user);
    }

    /// <summary>Counts a fallback; true when the policy is fail-closed.</summary>
    private bool Fallback()
    {
        var policy = _connection.Options.DirectoryPolicy;
        _connection.Fallback(RedisStateKind.Registrar, policy);
        return policy == RedisOutagePolicy.FailClosed;
    }
}
