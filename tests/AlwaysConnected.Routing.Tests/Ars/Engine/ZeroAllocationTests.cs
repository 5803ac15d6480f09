using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Ars.Evaluation;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Tests.Support;

namespace AlwaysConnected.Routing.Tests.Ars.Engine;

public class ZeroAllocationTests
{
    [Fact]
    public void Route_in_and_out_for_the_always_connected_invite_allocate_nothing_once_warm()
    {
        var ars = AlwaysConnectedSeedTests.Compile();
        var request = ArsHarness.Invite("sip:09012345678@127.0.0.1:5052", "<sip:09012345678@127.0.0.1:5052>", "<sip:ms@127.0.0.1:5056>;tag=1", ("X-PBX-Param", "pin"));
        var index = new SipMessageIndex();
        var properties = new CallProperties();
        var context = ArsHarness.Context(properties);
        var decision = new RoutingDecision();
        var selection = new ArsSelection();

        bool RunOnce()
        {
            SipParser.TryParseDatagram(request, index, out var message);
            properties.Clear();
            return ars.RouteIn(message, context, decision) & ars.RouteOut(message, context, decision, selection);
        }

        var all = true;
        var allocated = SteadyStateAllocations.Measure(() => all &= RunOnce(), warmUp: 50);
        all.Should().BeTrue();
        allocated.Should().Be(0);
        decision.GetRequestUriString().Should().Be("sip:09012345678@itsp.example.com:5060");
    }
}
