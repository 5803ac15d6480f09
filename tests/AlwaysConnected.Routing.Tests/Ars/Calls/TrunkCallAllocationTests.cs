using System.Net;
using AlwaysConnected.Routing.Ars.Calls;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Tests.Support;

namespace AlwaysConnected.Routing.Tests.Ars.Calls;

public class TrunkCallAllocationTests
{
    [Fact]
    public void Route_session_2xx_and_end_allocate_nothing_once_warm()
    {
        // The system clock with a timeout callback: the response timer is armed and stopped on every call.
        var router = new SipRouterBuilder().AddArsText(TrunkCallHarness.Routes).Build();
        var pool = new TrunkCallPool(router, static _ => { });
        var request = TrunkCallHarness.Invite();
        var ok = TrunkCallHarness.Response(200, 1);
        var requestIndex = new SipMessageIndex();
        var responseIndex = new SipMessageIndex();
        var context = new RoutingContext(new IPEndPoint(IPAddress.Loopback, 5056));

        var bytes = SteadyStateAllocations.Measure(() =>
        {
            SipParser.TryParseDatagram(request, requestIndex, out var invite);
            var call = pool.Rent();
            if (call.Start(invite, context) != TrunkCallAction.Send)
            {
                throw new InvalidOperationException("no trunk");
            }

            SipParser.TryParseDatagram(ok, responseIndex, out var answer);
            if (call.OnResponse(call.Attempt, answer) != TrunkCallAction.Relay)
            {
                throw new InvalidOperationException("not established");
            }

            call.End();
            call.Dispose();
        });

        bytes.Should().Be(0);
        router.GetActiveSessions("TRUNK_A", Routing.Ars.ArsDirection.Out, 1).Should().Be(0);
    }
}
