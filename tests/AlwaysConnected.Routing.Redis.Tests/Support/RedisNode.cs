using AlwaysConnected.Routing.Redis.Connection;
using AlwaysConnected.Routing.Redis.State;

namespace AlwaysConnected.Routing.Redis.Tests.Support;

/// <summary>One router node's shared state: its own connection to the test's Redis.</summary>
public sealed class RedisNode : IDisposable
{
    public RedisNode(RedisServer server, string prefix, Action<RedisStateOptions>? configure = null)
    {
        var options = new RedisStateOptions
        {
            ConnectionString = server.ConnectionString,
            KeyPrefix = prefix,
            OperationTimeout = TimeSpan.FromSeconds(5), // generous: the test machine may be loaded; outages are made by stopping Redis, not by slowness
            RetryInterval = TimeSpan.FromMilliseconds(200),
        };
        configure?.Invoke(options);
        Connection = new RedisStateConnection(options);
        Sessions = new RedisSessionCounters(Connection);
        BlockList = new RedisBlockList(Connection);
        Registrar = new RedisSipRegistrar(Connection);
        Aliases = new RedisAliasDirectory(Connection);
    }

    public RedisStateConnection Connection { get; }

    public RedisSessionCounters Sessions { get; }

    public RedisBlockList BlockList { get; }

    public RedisSipRegistrar Registrar { get; }

    public RedisAliasDirectory Aliases { get; }

    public void Dispose() => Connection.Dispose();

    /// <summary>A key prefix no other test uses (tests share one server per class).</summary>
    public static string UniquePrefix() => "t" + Guid.NewGuid().ToString("N")[..12];
}
