using System.Buffers;
using AlwaysConnected.Routing.Presets;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Sip.Writing;
using AlwaysConnected.Routing.Tests.Support;

namespace AlwaysConnected.Routing.Tests.Router;

/// <summary>The recipe's flows through the router built by the preset.</summary>
public class AlwaysConnectedRouterTests
{
    private static SipRouter Case1Router() => new SipRouterBuilder()
        .UseAlwaysConnected(o =>
        {
            o.ItspDomain = "itsp.example.net";
            o.Account = "0312345678";
        })
        .Build();

    [Fact]
    public void Case_1_sends_the_media_server_invite_to_the_carrier_as_the_account_without_the_marker()
    {
        var router = Case1Router();
        var index = new SipMessageIndex();
        var bytes = SeedMessages.MediaServerInvite();
        var message = ParsedRequest.Parse(bytes, index);
        var decision = new RoutingDecision();

        router.Route(message, SeedMessages.FromMediaServer, decision);

        decision.Outcome.Should().Be(RoutingOutcome.Forward);
        decision.AppliedRules.Should().Equal(AlwaysConnectedPreset.DirectRule);
        decision.GetTargetString().Should().Be("itsp.example.net");
        var output = new ArrayBufferWriter<byte>();
        SipRequestWriter.TryWrite(message, decision, output, out _).Should().BeTrue();
        var written = output.WrittenSpan.ToArray();
        ParsedRequest.RequestUri(written).Should().Be("sip:09012345678@itsp.example.net");
        ParsedRequest.HeaderValue(written, "To").Should().Be("<sip:09012345678@itsp.example.net>");
        ParsedRequest.HeaderValue(written, "From").Should().Be("\"Agent 101\" <sip:0312345678@itsp.example.net>;tag=ms1", "the dialog keeps its From tag");
        ParsedRequest.HeaderValue(written, "X-PBX-Param").Should().BeNull();
    }

    [Fact]
    public void The_same_invite_from_outside_is_declined_by_the_anti_spoofing_rule()
    {
        var router = Case1Router();
        var index = new SipMessageIndex();
        var message = ParsedRequest.Parse(SeedMessages.MediaServerInvite(), index);
        var decision = new RoutingDecision();

        router.Route(message, SeedMessages.FromOutside, decision);

        decision.Outcome.Should().Be(RoutingOutcome.Reject);
        decision.StatusCode.Should().Be(603);
        decision.ReasonPhrase.Should().Be("Decline");
        decision.AppliedRules.Should().Equal(AlwaysConnectedPreset.AntiSpoofingRule);
    }

    [Fact]
    public void A_marker_with_another_value_from_outside_is_stripped_and_the_request_goes_on()
    {
        var router = Case1Router();
        var index = new SipMessageIndex();
        var message = ParsedRequest.Parse(SeedMessages.MediaServerInvite(marker: "pinX"), index);
        var decision = new RoutingDecision();

        router.Route(message, SeedMessages.FromOutside, decision);

        decision.Outcome.Should().Be(RoutingOutcome.Forward);
        decision.AppliedRules.Should().Equal(AlwaysConnectedPreset.StripMarkerRule);
        var output = new ArrayBufferWriter<byte>();
        SipRequestWriter.TryWrite(message, decision, output, out _).Should().BeTrue();
        ParsedRequest.HeaderValue(output.WrittenSpan.ToArray(), "X-PBX-Param").Should().BeNull();
    }

    [Fact]
    public void Case_2_forwards_the_media_server_invite_to_the_pbx_core()
    {
        var router = new SipRouterBuilder()
            .UseAlwaysConnected(o =>
            {
                o.ItspDomain = "itsp.example.net";
                o.Account = "0312345678";
                o.RequiresAuthentication = true;
                o.TrunkTarget = "itsp.example.net:5060";
                o.Password = "secret";
            })
            .Build();
        var index = new SipMessageIndex();
        var message = ParsedRequest.Parse(SeedMessages.MediaServerInvite(), index);
        var decision = new RoutingDecision();

        router.Route(message, SeedMessages.FromMediaServer, decision);

        decision.Outcome.Should().Be(RoutingOutcome.Forward);
        decision.GetTargetString().Should().Be("127.0.0.1:5052");
        decision.HasRequestUri.Should().BeFalse("the dial plan only changes the next hop in case 2");
        decision.SnapshotVersion.Should().Be(router.Version);
    }

    [Fact]
    public void The_preset_refuses_missing_facts_with_the_option_named()
    {
        var act = () => new SipRouterBuilder().UseAlwaysConnected(o => o.Account = "0312345678");
        act.Should().Throw<ArgumentException>().WithMessage("*ItspDomain*");
    }
}
