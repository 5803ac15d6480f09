using System.Net;
using System.Text;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Ars.Evaluation;
using AlwaysConnected.Routing.Services;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Tests.Hardening;

/// <summary>Session leases taken and released from many threads, twice, and across reloads, never go negative or leak.</summary>
public class SessionLeaseConcurrencyTests
{
    private const string ArsRoutes = """
        [Route gw]
        Patterns - OUT
        Max Sessions: 3
        [Deploy Patterns]
        Target: gw.example
        """;

    [Fact]
    public void Session_counter_leases_from_many_threads_with_double_release_end_at_zero_and_never_below()
    {
        var sessions = new SessionCounters();
        int minSeen = 0;
        int minSeenRoute = 0;
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
        {
            for (int i = 0; i < 5_000; i++)
            {
                var lease = sessions.Start(i % 3 == 0 ? null : "route-" + (i % 4));
                Observe(ref minSeen, sessions.Concurrent);
                Observe(ref minSeenRoute, sessions.GetConcurrent("route-1"));
                lease.Dispose();
                lease.Dispose();
                ((SessionLease)lease).IsReleased.Should().BeTrue();
            }
        });

        minSeen.Should().BeGreaterThanOrEqualTo(0);
        minSeenRoute.Should().BeGreaterThanOrEqualTo(0);
        sessions.Concurrent.Should().Be(0);
        foreach (var route in new[] { "route-1", "route-2", "route-3" })
        {
            sessions.GetConcurrent(route).Should().Be(0);
        }
    }

    [Fact]
    public void Session_counter_leases_released_after_a_reload_are_counted_once()
    {
        var router = new SipRouterBuilder().AddDialPlanText("[Rule r]\n[Matching Patterns]\n$request = .\n[Deploy Patterns]\n$routename = trunk\n").Build();
        var leases = Enumerable.Range(0, 100).Select(_ => router.Services.Sessions.Start("trunk")).ToList();
        router.Services.Sessions.GetConcurrent("trunk").Should().Be(100);

        router.TryReload(new SipRouterBuilder().AddDialPlanText("[Rule r2]\n[Matching Patterns]\n$request = .\n[Deploy Patterns]\n$routename = trunk\n").BuildModel(), out _).Should().BeTrue();
        Parallel.ForEach(leases, lease =>
        {
            lease.Dispose();
            lease.Dispose();
        });

        router.Services.Sessions.GetConcurrent("trunk").Should().Be(0);
        router.Services.Sessions.Concurrent.Should().Be(0);
    }

    [Fact]
    public void Ars_leases_taken_before_reloads_and_released_twice_from_many_threads_end_at_zero_and_respect_the_limit()
    {
        var options = new SipRouterOptions();
        var router = new SipRouterBuilder().AddArsText(ArsRoutes).WithOptions(options).Build();
        var states = options.States;
        var request = Call();
        int maxSeen = 0;
        int minSeen = 0;
        var held = new System.Collections.Concurrent.ConcurrentBag<ArsSessionLease>();

        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, worker =>
        {
            var index = new SipMessageIndex();
            var decision = new RoutingDecision();
            var selection = new ArsSelection();
            for (int i = 0; i < 1_000; i++)
            {
                SipParser.TryParseDatagram(request, index, out var message);
                decision.Reset();
                if (worker == 0 && i % 100 == 0)
                {
                    router.TryReload(new SipRouterBuilder().AddArsText(ArsRoutes).BuildModel(), out _).Should().BeTrue();
                }

                if (!router.RouteOut(message, Source, decision, selection) || !selection.TryAcquire(out var lease))
                {
                    continue;
                }

                Observe(ref maxSeen, -states.GetActiveSessions("gw", ArsDirection.Out, 1));
                if (i % 50 == 0)
                {
                    held.Add(lease);
                    continue;
                }

                lease.Dispose();
                lease.Dispose();
                Observe(ref minSeen, states.GetActiveSessions("gw", ArsDirection.Out, 1));
            }
        });

        (-maxSeen).Should().BeLessThanOrEqualTo(3);
        states.GetActiveSessions("gw", ArsDirection.Out, 1).Should().Be(held.Count);
        router.TryReload(new SipRouterBuilder().AddArsText(ArsRoutes).BuildModel(), out _).Should().BeTrue();
        Parallel.ForEach(held, lease =>
        {
            lease.Dispose();
            lease.Dispose();
        });

        minSeen.Should().BeGreaterThanOrEqualTo(0);
        states.GetActiveSessions("gw", ArsDirection.Out, 1).Should().Be(0);
    }

    private static readonly RoutingContext Source = new(new IPEndPoint(IPAddress.Loopback, 5060));

    private static byte[] Call() => Encoding.ASCII.GetBytes(
        "INVITE sip:0312345678@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n" +
        "From: <sip:101@example.com>;tag=1\r\nTo: <sip:0312345678@example.com>\r\nCall-ID: c@x\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");

    // Keeps the lowest value seen (callers negate to keep the highest).
    private static void Observe(ref int lowest, int value)
    {
        int current;
        while ((current = Volatile.Read(ref lowest)) > value && Interlocked.CompareExchange(ref lowest, value, current) != current)
        {
        }
    }
}
