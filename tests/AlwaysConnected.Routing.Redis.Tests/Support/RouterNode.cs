using System.Buffers;
using System.Net;
using System.Text;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Ars.Evaluation;
using AlwaysConnected.Routing.Ars.State;
using AlwaysConnected.Routing.Redis.State;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Redis.Tests.Support;

/// <summary>
/// One SIP server node: a router whose ARS block state is shared through its own Redis connection. Calls
/// are placed the way a host places them: route, take a session lease, else the next candidate.
/// </summary>
internal sealed class RouterNode : IDisposable
{
    private static readonly RoutingContext Source = new(new IPEndPoint(IPAddress.Loopback, 5060));

    private static readonly byte[] Invite = Encoding.ASCII.GetBytes(
        "INVITE sip:0312345678@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n" +
        "From: <sip:101@example.com>;tag=1\r\nTo: <sip:0312345678@example.com>\r\nCall-ID: c@x\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");

    public RouterNode(RedisServer server, string prefix, string arsText, Action<RedisStateOptions>? configure = null)
    {
        Redis = new RedisNode(server, prefix, configure);
        Store = new RedisArsBlockStateStore(Redis.Connection);
        States = new ArsBlockStates(Store);
        Router = new SipRouterBuilder()
            .AddArsText(arsText)
            .WithOptions(new SipRouterOptions { BlockStateStore = Store, States = States })
            .Build();
    }

    public RedisNode Redis { get; }

    public RedisArsBlockStateStore Store { get; }

    public ArsBlockStates States { get; }

    public SipRouter Router { get; }

    /// <summary>Places a call: the target it got a session on and the lease, or null and the decision's status.</summary>
    public (string? Target, ArsSessionLease? Lease, int Status) Call(Func<ArsSelection, bool>? beforeAcquire = null)
    {
        var index = new SipMessageIndex();
        var decision = new RoutingDecision();
        var selection = new ArsSelection();
        SipParser.TryParseDatagram(Invite, index, out var message).Should().Be(OperationStatus.Done);
        if (!Router.RouteOut(message, Source, decision, selection))
        {
            return (null, null, decision.StatusCode);
        }

        while (true)
        {
            if ((beforeAcquire is null || beforeAcquire(selection)) && selection.TryAcquire(out var lease))
            {
                return (decision.GetTargetString(), lease, 0);
            }

            if (!selection.TryGetNext(message, Source, decision))
            {
                return (null, null, decision.StatusCode);
            }
        }
    }

    /// <summary>Reports a failure status on the first candidate of a call, as a trunk's 503 would.</summary>
    public bool FailFirstCandidate(int status)
    {
        var index = new SipMessageIndex();
        var decision = new RoutingDecision();
        var selection = new ArsSelection();
        SipParser.TryParseDatagram(Invite, index, out var message);
        return Router.RouteOut(message, Source, decision, selection) && selection.ReportFailure(status);
    }

    public int SharedSessions(string route, int block) => Store.GetActiveSessions(new ArsBlockKey(route, ArsDirection.Out, block));

    public void Dispose()
    {
        Store.Dispose();
        Redis.Dispose();
    }
}
