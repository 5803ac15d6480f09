using System.Collections.Concurrent;
using AlwaysConnected.Routing.Ars.Evaluation;
using AlwaysConnected.Routing.Redis.Tests.Support;

namespace AlwaysConnected.Routing.Redis.Tests.Cluster;

/// <summary>
/// Two routers, each with its own Redis connection, share one trunk's Max Sessions, its failures, and
/// survive a node that stops and a Redis that stops.
/// </summary>
public sealed class ClusterRoutingTests
{
    private const int MaxSessions = 3;

    // The carrier's trunk first; when it is full (or failed) calls go to the backup trunk.
    private static readonly string TwoTrunks = $"""
        [Route carrier]
        Patterns - OUT 1
        Priority: 1
        Max Sessions: {MaxSessions}
        [Deploy Patterns]
        Target: trunk-a.example
        Recovery Time: 2s
        Failover: 503
        Patterns - OUT 2
        Priority: 2
        [Deploy Patterns]
        Target: trunk-b.example
        """;

    private static readonly string OneTrunk = $"""
        [Route carrier]
        Patterns - OUT 1
        Max Sessions: {MaxSessions}
        [Deploy Patterns]
        Target: trunk-a.example
        """;

    [RedisFact]
    public void The_call_past_max_sessions_on_either_node_goes_to_the_next_candidate_and_every_count_returns_to_zero()
    {
        using var redis = new RedisServer();
        var prefix = RedisNode.UniquePrefix();
        using var a = new RouterNode(redis, prefix, TwoTrunks);
        using var b = new RouterNode(redis, prefix, TwoTrunks);
        var leases = new ConcurrentBag<ArsSessionLease>();
        var targets = new ConcurrentBag<string>();

        // Twenty concurrent calls, half on each node: exactly Max Sessions get the carrier's trunk.
        Parallel.For(0, 20, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var (target, lease, _) = (i % 2 == 0 ? a : b).Call();
            target.Should().NotBeNull();
            targets.Add(target!);
            leases.Add(lease!);
        });

        targets.Count(t => t == "trunk-a.example").Should().Be(MaxSessions, "Redis stayed available ({0}; {1})", a.Redis.Connection.LastFailure, b.Redis.Connection.LastFailure);
        targets.Count(t => t == "trunk-b.example").Should().Be(20 - MaxSessions);
        // A call whose Redis answer came late on a loaded machine fell back to the node's own count; the lease its
        // script may still have added is removed once Redis answers again, so the shared counts settle exactly.
        Eventually.Within(TimeSpan.FromSeconds(10), () => a.SharedSessions("carrier", 1) == MaxSessions && b.SharedSessions("carrier", 2) == 20 - MaxSessions)
            .Should().BeTrue("the shared counts are {0} and {1} ({2}; {3})", a.SharedSessions("carrier", 1), b.SharedSessions("carrier", 2), a.Redis.Connection.LastFailure, b.Redis.Connection.LastFailure);
        (a.States.GetActiveSessions("carrier", Ars.ArsDirection.Out, 1) + b.States.GetActiveSessions("carrier", Ars.ArsDirection.Out, 1))
            .Should().Be(MaxSessions, "each node counts its own share");

        foreach (var lease in leases)
        {
            lease.Dispose();
            lease.Dispose();
        }

        a.SharedSessions("carrier", 1).Should().Be(0);
        b.SharedSessions("carrier", 2).Should().Be(0);
        a.States.GetActiveSessions("carrier", Ars.ArsDirection.Out, 1).Should().Be(0);
        b.States.GetActiveSessions("carrier", Ars.ArsDirection.Out, 1).Should().Be(0);
    }

    [RedisFact]
    public void With_one_trunk_the_other_node_refuses_the_call_past_max_sessions()
    {
        using var redis = new RedisServer();
        var prefix = RedisNode.UniquePrefix();
        using var a = new RouterNode(redis, prefix, OneTrunk);
        using var b = new RouterNode(redis, prefix, OneTrunk);
        var held = Enumerable.Range(0, MaxSessions).Select(_ => a.Call()).ToList();
        held.Should().OnlyContain(c => c.Target == "trunk-a.example");

        var refused = b.Call();
        refused.Target.Should().BeNull("node A holds every session of the trunk");
        refused.Status.Should().Be(503, "the all-busy status");

        held[0].Lease!.Dispose();
        var admitted = b.Call();
        admitted.Target.Should().Be("trunk-a.example");
        admitted.Lease!.Dispose();
        foreach (var call in held)
        {
            call.Lease!.Dispose();
        }

        b.SharedSessions("carrier", 1).Should().Be(0);
    }

    [RedisFact]
    public void A_node_that_stops_without_releasing_loses_its_sessions_after_the_lease_time_to_live()
    {
        using var redis = new RedisServer();
        var prefix = RedisNode.UniquePrefix();
        static void ShortLeases(RedisStateOptions o) => o.LeaseTimeToLive = TimeSpan.FromSeconds(2);
        var dying = new RouterNode(redis, prefix, TwoTrunks, ShortLeases);
        using var survivor = new RouterNode(redis, prefix, TwoTrunks, ShortLeases);
        for (var i = 0; i < MaxSessions; i++)
        {
            dying.Call().Target.Should().Be("trunk-a.example");
        }

        var whileAlive = survivor.Call();
        whileAlive.Target.Should().Be("trunk-b.example");
        whileAlive.Lease!.Dispose();

        // The node's process is gone: nothing released, nothing renewed.
        dying.Redis.Dispose();
        Eventually.Within(TimeSpan.FromSeconds(8), () => survivor.SharedSessions("carrier", 1) == 0).Should().BeTrue();
        var after = survivor.Call();
        after.Target.Should().Be("trunk-a.example", "the dead node's channels are free again");

        // The survivor's own session outlives its time-to-live: it is renewed while the call lives.
        Thread.Sleep(3000);
        survivor.SharedSessions("carrier", 1).Should().Be(1);
        after.Lease!.Dispose();
        survivor.SharedSessions("carrier", 1).Should().Be(0);
    }

    [RedisFact]
    public void A_trunk_failure_on_one_node_is_passed_over_by_the_other_for_the_recovery_time()
    {
        using var redis = new RedisServer();
        var prefix = RedisNode.UniquePrefix();
        using var a = new RouterNode(redis, prefix, TwoTrunks);
        using var b = new RouterNode(redis, prefix, TwoTrunks);
        b.Call().Target.Should().Be("trunk-a.example", "the trunk is healthy");

        a.FailFirstCandidate(503).Should().BeTrue();
        Eventually.Within(TimeSpan.FromSeconds(2), () => b.States.IsInRecovery("carrier", Ars.ArsDirection.Out, 1, DateTimeOffset.UtcNow)).Should().BeTrue();
        var during = b.Call();
        during.Target.Should().Be("trunk-b.example", "node A's failover is seen by node B");
        during.Lease!.Dispose();

        Eventually.Within(TimeSpan.FromSeconds(4), () => !b.States.IsInRecovery("carrier", Ars.ArsDirection.Out, 1, DateTimeOffset.UtcNow)).Should().BeTrue();
        var after = b.Call();
        after.Target.Should().Be("trunk-a.example", "the recovery time has passed");
        after.Lease!.Dispose();
    }

    [RedisFact]
    public void Redis_stopped_mid_load_and_started_again_no_exception_escapes_and_shared_counting_resumes()
    {
        using var redis = new RedisServer();
        var prefix = RedisNode.UniquePrefix();
        // Short leases: a release that was under way when Redis went away may leave its lease behind; the
        // lease then lives until its time-to-live (too high for a while, never too low: docs/cluster.md).
        var leaseTimeToLive = TimeSpan.FromSeconds(3);
        using var a = new RouterNode(redis, prefix, TwoTrunks, o => o.LeaseTimeToLive = leaseTimeToLive);
        using var b = new RouterNode(redis, prefix, TwoTrunks, o => o.LeaseTimeToLive = leaseTimeToLive);
        using var stop = new CancellationTokenSource();
        var failures = new ConcurrentQueue<Exception>();
        var calls = 0;

        // Four workers place and end calls on both nodes while Redis goes away and comes back.
        var load = Enumerable.Range(0, 4).Select(worker => Task.Run(() =>
        {
            var node = worker % 2 == 0 ? a : b;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var (target, lease, _) = node.Call();
                    target.Should().NotBeNull();
                    Thread.Sleep(2);
                    lease!.Dispose();
                    _ = node.Redis.Sessions.GetConcurrent("carrier");
                    Interlocked.Increment(ref calls);
                }
                catch (Exception e)
                {
                    failures.Enqueue(e);
                    return;
                }
            }
        })).ToArray();

        Thread.Sleep(300);
        redis.Stop();
        Eventually.Within(TimeSpan.FromSeconds(5), () => !a.Redis.Connection.IsAvailable && !b.Redis.Connection.IsAvailable).Should().BeTrue();
        var before = Volatile.Read(ref calls);
        Thread.Sleep(500);
        Volatile.Read(ref calls).Should().BeGreaterThan(before, "calls keep flowing on the fail-open policy");

        // Fail-open: each node checks Max Sessions against its own sessions.
        var outage = Enumerable.Range(0, MaxSessions).Select(_ => a.Call()).ToList();
        outage.Should().OnlyContain(c => c.Target == "trunk-a.example" || c.Target == "trunk-b.example");

        redis.Start();
        Eventually.Within(TimeSpan.FromSeconds(10), () => a.Redis.Connection.IsAvailable && b.Redis.Connection.IsAvailable).Should().BeTrue();
        Thread.Sleep(300);
        stop.Cancel();
        Task.WaitAll(load, TimeSpan.FromSeconds(10)).Should().BeTrue();
        failures.Should().BeEmpty();

        // The sessions held through the outage were inserted into the restarted Redis.
        var heldOnA = outage.Count(c => c.Target == "trunk-a.example");
        Eventually.Within(leaseTimeToLive * 2, () => b.SharedSessions("carrier", 1) == heldOnA)
            .Should().BeTrue($"the shared count settles to the {heldOnA} sessions A still holds within the lease time-to-live ({b.Redis.Connection.LastFailure})");
        foreach (var call in outage)
        {
            call.Lease!.Dispose();
        }

        b.SharedSessions("carrier", 1).Should().Be(0);

        // Shared counting again: A fills the trunk, B's next call goes to the backup.
        var refill = Enumerable.Range(0, MaxSessions).Select(_ => a.Call()).ToList();
        refill.Should().OnlyContain(c => c.Target == "trunk-a.example");
        var overflow = b.Call();
        overflow.Target.Should().Be("trunk-b.example");
        overflow.Lease!.Dispose();
        foreach (var call in refill)
        {
            call.Lease!.Dispose();
        }

        a.SharedSessions("carrier", 1).Should().Be(0);
    }

    [RedisFact]
    public void Fail_closed_sessions_take_no_new_session_while_Redis_is_away_and_the_call_is_answered_all_busy()
    {
        using var redis = new RedisServer();
        using var node = new RouterNode(redis, RedisNode.UniquePrefix(), TwoTrunks, o => o.SessionsPolicy = RedisOutagePolicy.FailClosed);
        var held = node.Call();
        held.Target.Should().Be("trunk-a.example");

        redis.Stop();
        var refused = node.Call();
        refused.Target.Should().BeNull("no session can be checked against the cluster");
        refused.Status.Should().Be(503);
        held.Lease!.Dispose();

        redis.Start();
        Eventually.Within(TimeSpan.FromSeconds(10), () => node.Redis.Connection.IsAvailable).Should().BeTrue();
        var after = node.Call();
        after.Target.Should().Be("trunk-a.example");
        after.Lease!.Dispose();
        node.SharedSessions("carrier", 1).Should().Be(0);
    }
}
