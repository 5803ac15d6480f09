using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using AlwaysConnected.Routing.Redis.Connection;
using AlwaysConnected.Routing.Redis.Tests.Support;

namespace AlwaysConnected.Routing.Redis.Tests.State;

/// <summary>Redis stopped and started again under the nodes: no exception, each policy, recovery by itself.</summary>
public sealed class OutageTests
{
    [RedisFact]
    public void Fail_open_reads_this_nodes_own_state_while_Redis_is_away_and_shared_counting_resumes_after()
    {
        using var redis = new RedisServer();
        var prefix = RedisNode.UniquePrefix();
        using var a = new RedisNode(redis, prefix);
        using var b = new RedisNode(redis, prefix);
        using var fallbacks = new FallbackListener(a.Connection, b.Connection);
        var blocked = IPAddress.Parse("198.51.100.1");
        a.BlockList.Block(blocked);
        a.Registrar.Register("1000", "sip:1000@192.0.2.10");
        using var before = b.Sessions.Start("gw");
        a.Sessions.GetConcurrent("gw").Should().Be(1);

        redis.Stop();
        var clock = Stopwatch.StartNew();
        using var during = a.Sessions.Start("gw");
        a.Sessions.GetConcurrent("gw").Should().Be(1, "fail-open counts this node's own sessions");
        a.Connection.IsAvailable.Should().BeFalse();
        a.BlockList.IsBlocked(blocked).Should().BeTrue("this node blocked it");
        b.BlockList.IsBlocked(blocked).Should().BeFalse("fail-open blocks only this node's own entries");
        a.Registrar.GetContact("1000").Should().Be("sip:1000@192.0.2.10");
        b.Registrar.GetContact("1000").Should().BeNull();
        b.Aliases.Lookup("x", "").Should().BeNull();
        for (var i = 0; i < 100; i++)
        {
            _ = b.Sessions.Concurrent;
        }

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3), "after the first failure calls answer from the policy at once");
        fallbacks.Count("session-counters", "fail-open").Should().BeGreaterThan(100);
        fallbacks.Count("block-list", "fail-open").Should().BeGreaterThan(0);
        fallbacks.Transitions("unavailable").Should().Be(2, "each node logs and counts the transition once");

        redis.Start();
        Eventually.Within(TimeSpan.FromSeconds(10), () => a.Connection.IsAvailable && b.Connection.IsAvailable).Should().BeTrue();

        // The restarted Redis lost everything; the live leases of both nodes were re-inserted.
        b.Sessions.GetConcurrent("gw").Should().Be(2);
        using var after = b.Sessions.Start("gw");
        a.Sessions.GetConcurrent("gw").Should().Be(3);
        fallbacks.Transitions("available").Should().Be(2, "and recovers once");
    }

    [RedisFact]
    public void Fail_closed_refuses_what_it_cannot_check()
    {
        using var redis = new RedisServer();
        using var node = new RedisNode(redis, RedisNode.UniquePrefix(), o =>
        {
            o.SessionsPolicy = RedisOutagePolicy.FailClosed;
            o.BlockListPolicy = RedisOutagePolicy.FailClosed;
            o.DirectoryPolicy = RedisOutagePolicy.FailClosed;
        });
        node.Registrar.Register("1000", "sip:1000@192.0.2.10");
        node.Aliases.Set("sales", "sip:200@pbx.example.com");
        node.Sessions.GetConcurrent("gw").Should().Be(0);
        node.BlockList.IsBlocked(IPAddress.Loopback).Should().BeFalse();

        redis.Stop();
        node.Sessions.GetConcurrent("gw").Should().Be(int.MaxValue, "a limit that cannot be checked reads as reached");
        node.Sessions.SessionsPerSecond.Should().Be(int.MaxValue);
        node.BlockList.IsBlocked(IPAddress.Loopback).Should().BeTrue("every address reads as blocked");
        node.Registrar.GetContact("1000").Should().BeNull("even this node's own registrations are not trusted");
        node.Aliases.Lookup("sales", "").Should().BeNull();
        FluentActions.Invoking(() => node.Sessions.Start("gw").Dispose()).Should().NotThrow();

        redis.Start();
        Eventually.Within(TimeSpan.FromSeconds(10), () => node.Connection.IsAvailable).Should().BeTrue();
        node.Sessions.GetConcurrent("gw").Should().Be(0);
        node.BlockList.IsBlocked(IPAddress.Loopback).Should().BeFalse();
    }

    [RedisFact]
    public void A_node_started_while_Redis_is_down_serves_from_its_policies_and_joins_when_Redis_comes()
    {
        using var redis = new RedisServer();
        redis.Stop();
        var clock = Stopwatch.StartNew();
        using var node = new RedisNode(redis, RedisNode.UniquePrefix());
        node.Connection.IsAvailable.Should().BeFalse();
        using var lease = node.Sessions.Start("gw");
        node.Sessions.GetConcurrent("gw").Should().Be(1);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));

        redis.Start();
        Eventually.Within(TimeSpan.FromSeconds(10), () => node.Connection.IsAvailable).Should().BeTrue();
        using var other = new RedisNode(redis, node.Connection.Options.KeyPrefix);
        other.Sessions.GetConcurrent("gw").Should().Be(1, "the lease taken during the outage was inserted on recovery");
    }

    [RedisFact]
    public void A_frozen_Redis_costs_one_timeout_then_answers_from_the_policy_and_sessions_ended_meanwhile_are_released_when_it_answers_again()
    {
        using var redis = new RedisServer();
        var prefix = RedisNode.UniquePrefix();
        using var a = new RedisNode(redis, prefix, o => o.OperationTimeout = TimeSpan.FromMilliseconds(300));
        using var b = new RedisNode(redis, prefix, o => o.OperationTimeout = TimeSpan.FromMilliseconds(300));
        var ending = a.Sessions.Start("gw");
        using var kept = a.Sessions.Start("gw");
        b.Sessions.GetConcurrent("gw").Should().Be(2);

        redis.Pause();
        try
        {
            var clock = Stopwatch.StartNew();
            a.Sessions.GetConcurrent("gw").Should().Be(2, "the first call times out and answers from this node's counts");
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2), "a call waits at most about the operation timeout");
            a.Connection.IsAvailable.Should().BeFalse();
            clock.Restart();
            ending.Dispose();
            a.Sessions.GetConcurrent("gw").Should().Be(1);
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromMilliseconds(200), "once unavailable, calls do not wait for Redis");
        }
        finally
        {
            redis.Resume();
        }

        Eventually.Within(TimeSpan.FromSeconds(10), () => a.Connection.IsAvailable && b.Connection.IsAvailable).Should().BeTrue();
        Eventually.Within(TimeSpan.FromSeconds(5), () => b.Sessions.GetConcurrent("gw") == 1)
            .Should().BeTrue("the session that ended while Redis was frozen is released there, not left for its time-to-live");
    }

    [Fact]
    public void Invalid_options_are_refused_with_every_failure_named()
    {
        var options = new RedisStateOptions { KeyPrefix = "a b{", OperationTimeout = TimeSpan.Zero, LeaseTimeToLive = TimeSpan.FromMilliseconds(10) };
        FluentActions.Invoking(() => new RedisStateConnection(options)).Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>()
            .Which.Failures.Should().SatisfyRespectively(
                f => f.Should().StartWith("KeyPrefix:"),
                f => f.Should().StartWith("OperationTimeout:"),
                f => f.Should().StartWith("LeaseTimeToLive:"));
    }

    /// <summary>Listens to the package's meter.</summary>
    private sealed class FallbackListener : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _counts = [];

        public FallbackListener(params RedisStateConnection[] connections)
        {
            var meters = connections.Select(c => c.Metrics.Meter).ToHashSet();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (meters.Contains(instrument.Meter))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                var key = instrument.Name + "|" + string.Join("|", tags.ToArray().Select(t => t.Value));
                lock (_counts)
                {
                    _counts[key] = _counts.GetValueOrDefault(key) + value;
                }
            });
            _listener.Start();
        }

        public long Count(string state, string policy) => Get($"sip.routing.redis.fallbacks|{state}|{policy}");

        public long Transitions(string state) => Get($"sip.routing.redis.transitions|{state}");

        public void Dispose() => _listener.Dispose();

        private long Get(string key)
        {
            lock (_counts)
            {
                return _counts.GetValueOrDefault(key);
            }
        }
    }
}
