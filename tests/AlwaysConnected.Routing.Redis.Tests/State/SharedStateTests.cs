using System.Net;
using AlwaysConnected.Routing.Redis.Tests.Support;

namespace AlwaysConnected.Routing.Redis.Tests.State;

/// <summary>Two nodes, each with its own connection, see one another's state through the test's Redis.</summary>
public sealed class SharedStateTests : IClassFixture<SharedStateTests.Server>, IDisposable
{
    private readonly RedisServer _server;
    private readonly RedisNode _a;
    private readonly RedisNode _b;

    public SharedStateTests(Server server)
    {
        ArgumentNullException.ThrowIfNull(server);
        _server = server.Redis;
        var prefix = RedisNode.UniquePrefix();
        _a = new RedisNode(server.Redis, prefix);
        _b = new RedisNode(server.Redis, prefix);
    }

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
    }

    [RedisFact]
    public void Session_counts_are_the_sum_of_both_nodes_and_return_to_zero()
    {
        var first = _a.Sessions.Start("gw1");
        var second = _a.Sessions.Start("gw1");
        var third = _b.Sessions.Start("gw1");
        var other = _b.Sessions.Start(null);

        _b.Sessions.GetConcurrent("gw1").Should().Be(3);
        _a.Sessions.GetConcurrent("gw1").Should().Be(3);
        _a.Sessions.Concurrent.Should().Be(4);
        _b.Sessions.GetSessionsPerSecond("gw1").Should().Be(3);
        _a.Sessions.SessionsPerSecond.Should().Be(4);
        _a.Sessions.Local.GetConcurrent("gw1").Should().Be(2, "each node also counts its own sessions");

        first.Dispose();
        first.Dispose();
        second.Dispose();
        third.Dispose();
        other.Dispose();
        _a.Sessions.GetConcurrent("gw1").Should().Be(0);
        _b.Sessions.Concurrent.Should().Be(0, "a double release does not count twice");
        _a.Sessions.GetConcurrent("unknown").Should().Be(0);
    }

    [RedisFact]
    public void Starts_leave_the_sessions_per_second_window_after_a_second()
    {
        using var lease = _a.Sessions.Start("gw2");
        _b.Sessions.GetSessionsPerSecond("gw2").Should().Be(1);
        Eventually.Within(TimeSpan.FromSeconds(3), () => _b.Sessions.GetSessionsPerSecond("gw2") == 0).Should().BeTrue();
        _b.Sessions.GetConcurrent("gw2").Should().Be(1, "the session itself is still in progress");
    }

    [RedisFact]
    public void A_node_that_stops_without_releasing_loses_its_leases_after_the_time_to_live()
    {
        var prefix = RedisNode.UniquePrefix();
        using var survivor = new RedisNode(_server, prefix, o => o.LeaseTimeToLive = TimeSpan.FromSeconds(2));
        var dying = new RedisNode(_server, prefix, o => o.LeaseTimeToLive = TimeSpan.FromSeconds(2));
        using var kept = survivor.Sessions.Start("trunk");
        _ = dying.Sessions.Start("trunk");
        _ = dying.Sessions.Start("trunk");
        survivor.Sessions.GetConcurrent("trunk").Should().Be(3);

        // Stops renewing (the process would be gone) without releasing anything.
        dying.Dispose();
        Eventually.Within(TimeSpan.FromSeconds(8), () => survivor.Sessions.GetConcurrent("trunk") == 1).Should().BeTrue();

        // The survivor's own lease outlives its time-to-live because it is renewed.
        Thread.Sleep(3000);
        survivor.Sessions.GetConcurrent("trunk").Should().Be(1);
    }

    [RedisFact]
    public void An_address_blocked_on_one_node_is_blocked_on_the_other_until_its_entry_expires()
    {
        var address = IPAddress.Parse("192.0.2.77");
        _b.BlockList.IsBlocked(address).Should().BeFalse();
        _a.BlockList.Block(address, TimeSpan.FromSeconds(1));
        _b.BlockList.IsBlocked(address).Should().BeTrue();
        Eventually.Within(TimeSpan.FromSeconds(3), () => !_b.BlockList.IsBlocked(address)).Should().BeTrue();
        _a.BlockList.IsBlocked(address).Should().BeFalse("the local copy expires too");

        var forGood = IPAddress.Parse("2001:db8::9");
        _b.BlockList.Block(forGood);
        _a.BlockList.IsBlocked(forGood).Should().BeTrue();
        _a.BlockList.Unblock(forGood).Should().BeTrue();
        _b.BlockList.IsBlocked(forGood).Should().BeTrue("the node that blocked it keeps its own entry");
        _a.BlockList.IsBlocked(forGood).Should().BeFalse();
    }

    [RedisFact]
    public void Registrations_and_aliases_made_on_one_node_are_found_on_the_other()
    {
        _a.Registrar.Register("1000", "sip:1000@192.0.2.10:5060").Should().BeTrue();
        _b.Registrar.GetContact("1000").Should().Be("sip:1000@192.0.2.10:5060");
        _b.Registrar.GetContact("1001").Should().BeNull();
        _a.Registrar.Register("1001", "sip:1001@192.0.2.11", TimeSpan.FromSeconds(1));
        _b.Registrar.GetContact("1001").Should().Be("sip:1001@192.0.2.11");
        Eventually.Within(TimeSpan.FromSeconds(3), () => _b.Registrar.GetContact("1001") is null).Should().BeTrue("the registration expired");
        _b.Registrar.Unregister("1000").Should().BeTrue();
        _a.Registrar.GetContact("1000").Should().BeNull();

        _a.Aliases.Set("sales", "sip:200@pbx.example.com").Should().BeTrue();
        _a.Aliases.Set("sales", "sip:300@tokyo.example.com", "jp");
        _b.Aliases.Lookup("sales", "").Should().Be("sip:200@pbx.example.com");
        _b.Aliases.Lookup("sales", "jp").Should().Be("sip:300@tokyo.example.com");
        _b.Aliases.Lookup("sales", "us").Should().BeNull();
        _b.Aliases.Remove("sales", "jp").Should().BeTrue();
        _a.Aliases.Lookup("sales", "jp").Should().BeNull("removed on the other node");
        _a.Aliases.Lookup("sales", "").Should().Be("sip:200@pbx.example.com", "only the named group's alias went");
        _b.Aliases.Remove("sales", "jp").Should().BeFalse("gone from Redis, and never set on this node");
    }

    /// <summary>One redis-server for the class, stopped by PID when the class is done.</summary>
    public sealed class Server : IDisposable
    {
        public Server()
        {
            if (RedisServer.Path is not null || Environment.GetEnvironmentVariable("ALWAYSCONNECTED_REQUIRE_REDIS") == "1")
            {
                Redis = new RedisServer();
            }
        }

        public RedisServer Redis { get; } = null!;

        public void Dispose() => Redis?.Dispose();
    }
}
