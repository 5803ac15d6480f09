using System.Net;
using AlwaysConnected.Routing.Redis.Connection;
using AlwaysConnected.Routing.Services;
using StackExchange.Redis;

namespace AlwaysConnected.Routing.Redis.State;

/// <summary>
/// The block list shared by the cluster: an address blocked on one node is blocked on all. Each entry is
/// a Redis key with the entry's lifetime as its expiry.
/// </summary>
/// <remarks>
/// Entries are also kept in this node's own list, read first (no network call for an address this node
/// blocked). While Redis is away the <see cref="RedisStateOptions.BlockListPolicy"/> applies: fail-open
/// blocks only what this node blocked, fail-closed reads every address as blocked. An entry added while
/// Redis is away stays local.
/// </remarks>
public sealed class RedisBlockList : IBlockList
{
    private readonly RedisStateConnection _connection;
    private readonly IBlockList _local;

    /// <summary>Creates the list over a connection.</summary>
    /// <param name="connection">The shared connection.</param>
    /// <param name="timeProvider">The clock of the local entries' lifetimes; the system clock when null.</param>
    public RedisBlockList(RedisStateConnection connection, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _local = RoutingServices.CreateInMemoryBlockList(timeProvider, connection.Options.BlockListEntryLifetime);
    }

    /// <inheritdoc />
    public void Block(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        _local.Block(address);
        Store(address, _connection.Options.BlockListEntryLifetime);
    }

    /// <inheritdoc />
    public void Block(IPAddress address, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(address);
        _local.Block(address, lifetime);
        Store(address, lifetime);
    }

    /// <summary>Removes an address on every node.</summary>
    /// <returns><see langword="true"/> when it was blocked here or in Redis.</returns>
    public bool Unblock(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var local = _local.Unblock(address);
        _connection.TryExecute(_connection.Keys.Blocked(address), static (db, key) => db.KeyDelete(key), out var shared);
        return local | shared;
    }

    /// <inheritdoc />
    public bool IsBlocked(IPAddress address)
    {
        if (address is null)
        {
            return false;
        }

        if (_local.IsBlocked(address))
        {
            return true;
        }

        if (_connection.TryExecute(_connection.Keys.Blocked(address), static (db, key) => db.KeyExists(key), out var blocked))
        {
            return blocked;
        }

        var policy = _connection.Options.BlockListPolicy;
        _connection.Fallback(RedisStateKind.BlockList, policy);
        return policy == RedisOutagePolicy.FailClosed;
    }

    private void Store(IPAddress address, TimeSpan? lifetime)
    {
        if (!_connection.TryExecute((_connection.Keys.Blocked(address), lifetime), static (db, s) => db.StringSet(s.Item1, 1, s.lifetime, When.Always), out _))
        {
            _connection.Fallback(RedisStateKind.BlockList, _connection.Options.BlockListPolicy);
        }
    }
}
