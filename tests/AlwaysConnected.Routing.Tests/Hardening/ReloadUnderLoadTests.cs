using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Tests.Hardening;

/// <summary>Two threads route without pause while a third reloads 1,000 times, valid and invalid alternating.</summary>
public class ReloadUnderLoadTests
{
    private static readonly RoutingContext Source = new(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 5060));

    // Two rules of one generation: a decision mixing snapshots would carry two different numbers.
    private static RoutingModel Generation(int n) => new SipRouterBuilder().AddDialPlanText($"""
        [Rule first]
        [Matching Patterns]
        $request = ^INVITE
        [Deploy Patterns]
        X-Gen-A = {n}
        $continue = true

        [Rule second]
        [Matching Patterns]
        $request = ^INVITE
        [Deploy Patterns]
        X-Gen-B = {n}
        $target = gw{n}.example.net
        """).BuildModel();

    private static RoutingModel Broken(int n) => new SipRouterBuilder().AddDialPlanText($"""
        [Rule broken-{n}]
        [Matching Patterns]
        $nosuchfunction(To) = x
        [Deploy Patterns]
        X-Gen-A = {n}
        """).BuildModel();

    [Fact]
    public void Reloading_1000_times_under_two_routing_threads_never_mixes_versions_and_keeps_the_last_good_rules()
    {
        var router = new SipRouter(Generation(0));
        var generationOfVersion = new ConcurrentDictionary<long, int> { [router.Version] = 0 };
        var seen = new ConcurrentBag<(long Version, string A, string B, string Target)>();
        var exceptions = new ConcurrentQueue<Exception>();
        using var stop = new CancellationTokenSource();
        var request = Encoding.ASCII.GetBytes(
            "INVITE sip:1000@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n" +
            "From: <sip:2000@example.com>;tag=1\r\nTo: <sip:1000@example.com>\r\nCall-ID: c@x\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
        int routed = 0;

        void Route()
        {
            try
            {
                var index = new SipMessageIndex();
                var decision = new RoutingDecision();
                while (!stop.IsCancellationRequested)
                {
                    SipParser.TryParseDatagram(request, index, out var message);
                    decision.Reset();
                    router.Route(message, Source, decision);
                    seen.Add((decision.SnapshotVersion, Edit(decision, "X-Gen-A"), Edit(decision, "X-Gen-B"), decision.GetTargetString() ?? "none"));
                    Interlocked.Increment(ref routed);
                }
            }
            catch (Exception e)
            {
                exceptions.Enqueue(e);
            }
        }

        var routers = new[] { new Thread(Route), new Thread(Route) };
        foreach (var thread in routers)
        {
            thread.Start();
        }

        int lastGood = 0;
        int rejected = 0;
        var watch = Stopwatch.StartNew();
        try
        {
            for (int i = 1; i <= 1000; i++)
            {
                if (i % 2 == 0)
                {
                    long before = router.Version;
                    router.TryReload(Broken(i), out var errors).Should().BeFalse();
                    errors.Should().Contain(d => d.Severity == RoutingDiagnosticSeverity.Error && (d.Location + d.Message).Contains("broken-" + i, StringComparison.Ordinal));
                    router.Version.Should().Be(before, "a refused reload leaves the serving rules alone");
                    rejected++;
                }
                else
                {
                    router.TryReload(Generation(i), out _).Should().BeTrue();
                    generationOfVersion[router.Version] = i;
                    lastGood = i;
                }
            }
        }
        finally
        {
            stop.Cancel();
            foreach (var thread in routers)
            {
                thread.Join();
            }
        }

        exceptions.Should().BeEmpty();
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromMinutes(2));
        rejected.Should().Be(500);
        routed.Should().BeGreaterThan(0);
        foreach (var (version, a, b, target) in seen)
        {
            generationOfVersion.Should().ContainKey(version);
            string expected = generationOfVersion[version].ToString(System.Globalization.CultureInfo.InvariantCulture);
            (a, b, target).Should().Be((expected, expected, $"gw{expected}.example.net"), "version {0} serves exactly one generation", version);
        }

        var last = new RoutingDecision();
        var finalIndex = new SipMessageIndex();
        SipParser.TryParseDatagram(request, finalIndex, out var finalMessage);
        router.Route(finalMessage, Source, last);
        last.GetTargetString().Should().Be($"gw{lastGood}.example.net");
    }

    private static string Edit(RoutingDecision decision, string name)
    {
        string? found = null;
        for (int i = 0; i < decision.HeaderEditCount; i++)
        {
            var edit = decision.GetHeaderEdit(i);
            if (Encoding.ASCII.GetString(edit.Name) == name)
            {
                found.Should().BeNull("one decision carries one {0}", name);
                found = Encoding.ASCII.GetString(edit.Value);
            }
        }

        return found ?? "missing";
    }
}
