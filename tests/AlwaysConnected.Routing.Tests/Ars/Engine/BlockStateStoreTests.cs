using System.Net;
using System.Text;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Ars.Evaluation;
using AlwaysConnected.Routing.Ars.State;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Tests.Ars.Engine;

/// <summary>What the router asks of a shared <see cref="IArsBlockStateStore"/>, and what it does with the answers.</summary>
public class BlockStateStoreTests
{
    private const string Routes = """
        [Route carrier]
        Patterns - OUT 1
        Priority: 1
        Max Sessions: 2
        [Deploy Patterns]
        Target: trunk-a.example
        Recovery Time: 60
        Failover: 503
        Patterns - OUT 2
        Priority: 2
        Max Sessions: 2
        [Deploy Patterns]
        Target: trunk-b.example
        """;

    private static readonly RoutingContext Source = new(new IPEndPoint(IPAddress.Loopback, 5060));

    private static readonly byte[] Invite = Encoding.ASCII.GetBytes(
        "INVITE sip:100@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n" +
        "From: <sip:1@example.com>;tag=1\r\nTo: <sip:100@example.com>\r\nCall-ID: c@x\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");

    [Fact]
    public void The_store_decides_each_acquisition_and_gets_one_release_per_session()
    {
        var store = new ScriptedStore { Full = { new ArsBlockKey("carrier", ArsDirection.Out, 1) } };
        var (router, states) = Router(store);

        var (target, lease, _) = Call(router);
        target.Should().Be("trunk-b.example", "the store says the first trunk is full across the cluster");
        store.Acquired.Should().Equal(new ArsBlockKey("carrier", ArsDirection.Out, 2));
        states.GetActiveSessions("carrier", ArsDirection.Out, 2).Should().Be(1, "this node counts its own session");

        lease!.Dispose();
        lease.Dispose();
        store.Released.Should().Equal(new ArsBlockKey("carrier", ArsDirection.Out, 2));
        states.GetActiveSessions("carrier", ArsDirection.Out, 2).Should().Be(0);
    }

    [Fact]
    public void When_the_store_refuses_every_candidate_the_call_is_answered_all_busy()
    {
        var store = new ScriptedStore
        {
            Full = { new ArsBlockKey("carrier", ArsDirection.Out, 1), new ArsBlockKey("carrier", ArsDirection.Out, 2) },
        };
        var (router, _) = Router(store);
        var (target, _, decision) = Call(router);
        target.Should().BeNull();
        decision.Outcome.Should().Be(RoutingOutcome.Reject);
        decision.StatusCode.Should().Be(503);
    }

    [Fact]
    public void A_failure_goes_to_the_store_and_a_failure_from_another_router_is_passed_over_here()
    {
        var store = new ScriptedStore();
        var (router, states) = Router(store);
        var index = new SipMessageIndex();
        var decision = new RoutingDecision();
        var selection = new ArsSelection();
        SipParser.TryParseDatagram(Invite, index, out var message);
        router.RouteOut(message, Source, decision, selection).Should().BeTrue();
        selection.ReportFailure(503).Should().BeTrue();
        store.Failed.Should().ContainSingle().Which.Block.Should().Be(new ArsBlockKey("carrier", ArsDirection.Out, 1));
        store.Failed[0].Until.Should().BeCloseTo(DateTimeOffset.UtcNow.AddSeconds(60), TimeSpan.FromSeconds(5));

        // Another router reports the backup trunk failed: this one passes it over without being told twice.
        store.Apply!(new ArsBlockKey("carrier", ArsDirection.Out, 2), DateTimeOffset.UtcNow.AddMinutes(1));
        states.IsInRecovery("carrier", ArsDirection.Out, 2, DateTimeOffset.UtcNow).Should().BeTrue();
        store.Failed.Should().HaveCount(1, "a failure another router reported is not sent back");
        var (target, _, busy) = Call(router);
        target.Should().BeNull();
        busy.StatusCode.Should().Be(503);
    }

    private static (SipRouter Router, ArsBlockStates States) Router(IArsBlockStateStore store)
    {
        var states = new ArsBlockStates(store);
        var router = new SipRouterBuilder().AddArsText(Routes).WithOptions(new SipRouterOptions { BlockStateStore = store, States = states }).Build();
        return (router, states);
    }

    private static (string? Target, ArsSessionLease? Lease, RoutingDecision Decision) Call(SipRouter router)
    {
        var index = new SipMessageIndex();
        var decision = new RoutingDecision();
        var selection = new ArsSelection();
        SipParser.TryParseDatagram(Invite, index, out var message);
        if (!router.RouteOut(message, Source, decision, selection))
        {
            return (null, null, decision);
        }

        do
        {
            if (selection.TryAcquire(out var lease))
            {
                return (decision.GetTargetString(), lease, decision);
            }
        }
        while (selection.TryGetNext(message, Source, decision));
        return (null, null, decision);
    }

    private sealed class ScriptedStore : IArsBlockStateStore
    {
        public HashSet<ArsBlockKey> Full { get; } = [];

        public List<ArsBlockKey> Acquired { get; } = [];

        public List<ArsBlockKey> Released { get; } = [];

        public List<(ArsBlockKey Block, DateTimeOffset Until)> Failed { get; } = [];

        public Action<ArsBlockKey, DateTimeOffset>? Apply { get; private set; }

        public bool TryAcquire(in ArsBlockKey block, int maxSessions)
        {
            if (Full.Contains(block))
            {
                return false;
            }

            Acquired.Add(block);
            return true;
        }

        public void Release(in ArsBlockKey block) => Released.Add(block);

        public void MarkFailed(in ArsBlockKey block, DateTimeOffset until) => Failed.Add((block, until));

        public void Attach(Action<ArsBlockKey, DateTimeOffset> applyFailure) => Apply = applyFailure;
    }
}
