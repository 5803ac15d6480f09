using System.Text;
using AlwaysConnected.Routing.Ars.Evaluation;
using AlwaysConnected.Routing.Presets;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Tests.Support;

namespace AlwaysConnected.Routing.Tests.Router;

/// <summary>Requests a SIP element must refuse are refused before any rule runs (RFC 3261 §8.2, §16.3).</summary>
public class RequestValidationTests
{
    private const string Valid =
        "INVITE sip:09012345678@127.0.0.1:5060 SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:5056;branch=z9hG4bK-v1\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: \"Agent 101\" <sip:101@127.0.0.1:5056>;tag=ms1\r\n"
        + "To: <sip:09012345678@127.0.0.1:5060>\r\n"
        + "Call-ID: validation-1@127.0.0.1\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "X-PBX-Param: pin\r\n"
        + "Content-Length: 0\r\n\r\n";

    private static SipRouter Router(bool validate = true) => new SipRouterBuilder()
        .UseAlwaysConnected(o =>
        {
            o.ItspDomain = "itsp.example.net";
            o.Account = "0312345678";
            o.RequiresAuthentication = true;
            o.Password = "s3cret";
        })
        .WithOptions(new SipRouterOptions { ValidateRequests = validate })
        .Build();

    public static TheoryData<string, string, string, int, string> Malformed => new()
    {
        { "version 3.0", "SIP/2.0\r\nVia", "SIP/3.0\r\nVia", 505, "Version Not Supported (only SIP/2.0 is supported)" },
        { "no Call-ID", "Call-ID: validation-1@127.0.0.1\r\n", string.Empty, 400, "Bad Request (missing Call-ID)" },
        { "no From", "From: \"Agent 101\" <sip:101@127.0.0.1:5056>;tag=ms1\r\n", string.Empty, 400, "Bad Request (missing From)" },
        { "no To", "To: <sip:09012345678@127.0.0.1:5060>\r\n", string.Empty, 400, "Bad Request (missing To)" },
        { "no Via", "Via: SIP/2.0/UDP 127.0.0.1:5056;branch=z9hG4bK-v1\r\n", string.Empty, 400, "Bad Request (missing Via)" },
        { "two To", "To: <sip:09012345678@127.0.0.1:5060>\r\n", "To: <sip:09012345678@127.0.0.1:5060>\r\nTo: <sip:1@127.0.0.1>\r\n", 400, "Bad Request (repeated To)" },
        { "CSeq mismatch", "CSeq: 1 INVITE", "CSeq: 1 BYE", 400, "Bad Request (CSeq method does not match the request method)" },
        { "IPv6 without brackets", "INVITE sip:09012345678@127.0.0.1:5060 ", "INVITE sip:09012345678@2001:db8::1 ", 400, "Bad Request (invalid Request-URI)" },
        { "bad From", "From: \"Agent 101\" <sip:101@127.0.0.1:5056>;tag=ms1", "From: <sip:101@127.0.0.1:5056", 400, "Bad Request (invalid From)" },
    };

    private static byte[] Mutate(string find, string replace)
    {
        Valid.Should().Contain(find);
        return Encoding.ASCII.GetBytes(Valid.Replace(find, replace, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Route_refuses_a_malformed_request_with_the_suggested_status_before_any_rule(string problem, string find, string replace, int status, string reason)
    {
        var router = Router();
        var decision = new RoutingDecision();
        var message = ParsedRequest.Parse(Mutate(find, replace), new SipMessageIndex());

        router.Route(message, SeedMessages.FromMediaServer, decision);

        decision.Outcome.Should().Be(RoutingOutcome.Reject, problem);
        decision.Stage.Should().Be(RoutingStage.Validation);
        decision.StatusCode.Should().Be(status);
        decision.ReasonPhrase.Should().Be(reason);
        decision.ValidationError.IsError.Should().BeTrue();
        decision.ValidationError.SuggestedStatusCode.Should().Be(status);
        decision.AppliedRules.Should().BeEmpty("no rule may run on a refused request");
        decision.HasTarget.Should().BeFalse();
        decision.SnapshotVersion.Should().Be(router.Version);
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void RouteIn_and_RouteOut_refuse_it_too(string problem, string find, string replace, int status, string reason)
    {
        var router = Router();
        var decision = new RoutingDecision();
        var index = new SipMessageIndex();
        var message = ParsedRequest.Parse(Mutate(find, replace), index);
        var context = SeedMessages.FromMediaServer with { Properties = new CallProperties() };

        router.RouteIn(message, context, decision).Should().BeFalse(problem);
        (decision.Outcome, decision.StatusCode, decision.ReasonPhrase, decision.Stage).Should().Be((RoutingOutcome.Reject, status, reason, RoutingStage.Validation));
        context.Properties!.GetString("action.type").Should().BeNull("ARS IN must not have run");

        router.RouteOut(message, context, decision, new ArsSelection()).Should().BeFalse();
        (decision.Outcome, decision.StatusCode, decision.Stage).Should().Be((RoutingOutcome.Reject, status, RoutingStage.Validation));
    }

    [Fact]
    public async Task The_async_entry_points_refuse_it_without_running_a_plug_in()
    {
        var router = Router();
        var bytes = Mutate("Call-ID: validation-1@127.0.0.1\r\n", string.Empty);
        var index = new SipMessageIndex();
        ParsedRequest.Parse(bytes, index);
        var decision = new RoutingDecision();
        var context = SeedMessages.FromMediaServer with { Properties = new CallProperties() };

        (await router.RouteInAsync(bytes, index, context, decision)).Should().BeFalse();
        (decision.Outcome, decision.StatusCode, decision.ReasonPhrase).Should().Be((RoutingOutcome.Reject, 400, "Bad Request (missing Call-ID)"));
        (await router.RouteOutAsync(bytes, index, context, decision)).Should().BeFalse();
        (decision.Outcome, decision.StatusCode).Should().Be((RoutingOutcome.Reject, 400));
    }

    [Fact]
    public void A_valid_request_is_routed_and_a_reused_decision_forgets_the_refusal()
    {
        var router = Router();
        var decision = new RoutingDecision();
        var index = new SipMessageIndex();
        router.Route(ParsedRequest.Parse(Mutate("SIP/2.0\r\nVia", "SIP/3.0\r\nVia"), index), SeedMessages.FromMediaServer, decision);
        decision.StatusCode.Should().Be(505);

        router.Route(ParsedRequest.Parse(Encoding.ASCII.GetBytes(Valid), index), SeedMessages.FromMediaServer, decision);

        decision.Outcome.Should().Be(RoutingOutcome.Forward);
        decision.Stage.Should().Be(RoutingStage.DialPlan);
        decision.ValidationError.IsError.Should().BeFalse();
        decision.ReasonPhrase.Should().BeNull();
    }

    [Fact]
    public void With_validation_off_the_rules_see_the_request_as_before()
    {
        var router = Router(validate: false);
        var decision = new RoutingDecision();

        router.Route(ParsedRequest.Parse(Mutate("SIP/2.0\r\nVia", "SIP/3.0\r\nVia"), new SipMessageIndex()), SeedMessages.FromMediaServer, decision);

        decision.Outcome.Should().Be(RoutingOutcome.Forward);
        decision.Stage.Should().Be(RoutingStage.DialPlan);
    }

    [Fact]
    public void Explain_reports_the_refusal_with_no_rule_tried()
    {
        var router = Router();
        var decision = new RoutingDecision();
        var message = ParsedRequest.Parse(Mutate("Call-ID: validation-1@127.0.0.1\r\n", string.Empty), new SipMessageIndex());

        var trace = router.Explain(message, SeedMessages.FromMediaServer, decision);

        trace.Stage.Should().Be(RoutingStage.DialPlan);
        trace.Candidates.Should().BeEmpty();
        trace.Skipped.Should().Contain("400 Bad Request (missing Call-ID)");
        decision.Outcome.Should().Be(RoutingOutcome.Reject);
        router.ExplainOut(message, SeedMessages.FromMediaServer, decision).Should().BeEquivalentTo(new { Stage = RoutingStage.ArsOut, Candidates = Array.Empty<RoutingTraceStep>(), Selected = (RoutingTraceStep?)null });
        router.ExplainOut(message, SeedMessages.FromMediaServer, decision).Skipped.Should().Contain("missing Call-ID");
    }

    [Fact]
    public void Refusing_and_routing_allocate_nothing_once_warm()
    {
        var router = Router();
        var decision = new RoutingDecision();
        var bad = Mutate("Call-ID: validation-1@127.0.0.1\r\n", string.Empty);
        var good = Encoding.ASCII.GetBytes(Valid);
        var (badIndex, goodIndex) = (new SipMessageIndex(), new SipMessageIndex());
        ParsedRequest.Parse(bad, badIndex);
        ParsedRequest.Parse(good, goodIndex);
        var refused = 0;
        var context = SeedMessages.FromMediaServer;

        SteadyStateAllocations.Measure(() =>
        {
            router.Route(new SipMessage(bad, badIndex), context, decision);
            refused += decision.StatusCode == 400 && decision.ReasonPhrase is not null ? 1 : 0;
            router.Route(new SipMessage(good, goodIndex), context, decision);
        }).Should().Be(0);
        refused.Should().BeGreaterThan(0);
    }
}
