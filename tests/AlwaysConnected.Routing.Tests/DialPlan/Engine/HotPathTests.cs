using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Text;
using AlwaysConnected.Routing.Services;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Sip.Writing;
using Xunit.Abstractions;
using AlwaysConnected.Routing.Tests.Support;

namespace AlwaysConnected.Routing.Tests.DialPlan.Engine;

/// <summary>The seed's rules on the Media Server's INVITE allocate nothing; a hostile pattern cannot stall routing.</summary>
public class HotPathTests(ITestOutputHelper output)
{
    internal const string SeedRules =
        "[Preliminary Rule anti-spoofing]\n[Matching Patterns]\n$request = ^INVITE\n$localhost = ^false\nX-PBX-Param = ^pin$\n[Deploy Patterns]\n$action = 603\n" +
        "[Rule case1-itsp]\n[Matching Patterns]\n$request = ^INVITE\n$localhost = ^true\n$port = ^5056$\n$geturi(To) = sip:(.+)@\n[Deploy Patterns]\nTo=sip:%1@itsp.example.net\nFrom=sip:0312345678@itsp.example.net\nX-PBX-Param: <empty>\n" +
        "[Rule case2-forward]\n[Matching Patterns]\n$request = ^INVITE\n$localhost = ^true\n$port = ^5056$\n[Deploy Patterns]\n$target=127.0.0.1:5052\n";

    internal static readonly byte[] MediaServerInvite = Encoding.ASCII.GetBytes(
        "INVITE sip:09012345678@127.0.0.1:5060 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 127.0.0.1:5056;branch=z9hG4bK-ms-1;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: \"Agent 101\" <sip:101@127.0.0.1:5056>;tag=ms1\r\n" +
        "To: <sip:09012345678@127.0.0.1:5060>\r\n" +
        "Call-ID: 3c26700a-ms@127.0.0.1\r\n" +
        "CSeq: 1 INVITE\r\n" +
        "Contact: <sip:101@127.0.0.1:5056>\r\n" +
        "X-PBX-Param: pin\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: 0\r\n\r\n");

    [Fact]
    public void The_seed_on_the_media_server_invite_forwards_to_the_itsp()
    {
        var plan = DialPlanHarness.Compile(SeedRules);
        var services = new RoutingServices { LocalAddresses = [IPAddress.Parse("192.168.0.1")] };
        var decision = DialPlanHarness.Evaluate(plan, MediaServerInvite, services, DialPlanHarness.MediaServer);
        decision.Outcome.Should().Be(RoutingOutcome.Forward);
        decision.AppliedRules.Should().Equal("case1-itsp");
        decision.GetTargetString().Should().Be("itsp.example.net");
        var written = DialPlanHarness.Write(MediaServerInvite, decision);
        written.Should().StartWith("INVITE sip:09012345678@itsp.example.net SIP/2.0\r\n")
            .And.Contain("\r\nTo: <sip:09012345678@itsp.example.net>\r\n")
            .And.Contain("\r\nFrom: \"Agent 101\" <sip:0312345678@itsp.example.net>;tag=ms1\r\n")
            .And.NotContain("X-PBX-Param");
    }

    [Fact]
    public void Parse_evaluate_and_write_allocate_nothing_after_warm_up()
    {
        var plan = DialPlanHarness.Compile(SeedRules);
        var services = new RoutingServices { LocalAddresses = [IPAddress.Parse("192.168.0.1")] };
        var source = DialPlanHarness.MediaServer;
        var index = new SipMessageIndex();
        var decision = new RoutingDecision();
        var buffer = new ArrayBufferWriter<byte>(4096);

        static int RouteOnce(byte[] bytes, SipMessageIndex index, IPEndPoint source, Routing.DialPlan.CompiledDialPlan plan, RoutingServices services, RoutingDecision decision, ArrayBufferWriter<byte> buffer)
        {
            SipParser.TryParseDatagram(bytes, index, out var message);
            plan.Evaluate(message, new RoutingContext(source), services, decision);
            buffer.ResetWrittenCount();
            SipRequestWriter.TryWrite(message, decision, buffer, out _);
            return buffer.WrittenCount;
        }

        RouteOnce(MediaServerInvite, index, source, plan, services, decision, buffer).Should().BePositive();
        var allocated = SteadyStateAllocations.Measure(() => RouteOnce(MediaServerInvite, index, source, plan, services, decision, buffer));
        decision.Outcome.Should().Be(RoutingOutcome.Forward);
        allocated.Should().Be(0, "routing the Media Server's INVITE must not allocate once warmed up");
    }

    [Fact]
    public void A_template_with_more_parts_than_the_inline_buffer_is_built_without_allocating()
    {
        // Twelve parts, each a function call (so the template cannot be written in one pass): more
        // than the eight-entry inline buffer holds.
        var deploy = "X-Long = " + string.Join("-", Enumerable.Repeat("%{$port}", 6)) + "\n";
        var plan = DialPlanHarness.Compile("[Rule long]\n[Matching Patterns]\n$request = ^INVITE\n[Deploy Patterns]\n" + deploy);
        var index = new SipMessageIndex();
        var services = DialPlanHarness.Services();
        var decision = new RoutingDecision();
        var context = new RoutingContext(DialPlanHarness.MediaServer);
        var message = ParsedRequest.Parse(MediaServerInvite, index);
        plan.Evaluate(message, context, services, decision);
        DialPlanHarness.Header(decision, "X-Long").Should().Be("5056-5056-5056-5056-5056-5056");

        var allocated = SteadyStateAllocations.Measure(() => plan.Evaluate(ParsedRequest.View(MediaServerInvite, index), context, services, decision));

        allocated.Should().Be(0);
    }

    [Theory]
    [InlineData("(a+)+$", "!", RoutingOutcome.NoMatch)]
    [InlineData("(a+)+$", "", RoutingOutcome.Forward)]
    [InlineData("^(a|aa)+$", "!", RoutingOutcome.NoMatch)]
    [InlineData("^(a|aa)+$", "", RoutingOutcome.Forward)]
    [InlineData("^(?:a+)+b", "", RoutingOutcome.NoMatch)]
    public void A_catastrophic_pattern_over_a_10_kb_value_returns_quickly(string pattern, string tail, RoutingOutcome expected)
    {
        // A backtracking engine needs exponential time for these on a run of a's that then fails.
        var plan = DialPlanHarness.Compile($"[Rule evil]\n[Matching Patterns]\nX-Evil = {pattern}\n[Deploy Patterns]\n$target = gw\n");
        plan.Diagnostics.Should().NotContain(d => d.Id == RoutingDiagnosticIds.BacktrackingPattern, "the pattern does not need the backtracking engine");
        var services = DialPlanHarness.Services();
        var context = new RoutingContext(DialPlanHarness.Remote);
        var decision = new RoutingDecision();

        // Warm-up on a short value of the same shape: JIT and the lazy automaton, not the input, cost here.
        var small = new SipMessageIndex();
        SipParser.TryParseDatagram(Support.TestRequest.Build("INVITE", "sip:1@h", [("X-Evil", "aaaaaaaa" + tail)]), small, out var warm).Should().Be(OperationStatus.Done);
        plan.Evaluate(warm, context, services, decision);
        decision.Outcome.Should().Be(expected);

        var value = new string('a', 10 * 1024) + tail;
        var request = Support.TestRequest.Build("INVITE", "sip:1000@pbx.example.com", [("X-Evil", value)]);
        var index = new SipMessageIndex(new SipParserOptions { MaxLineLength = 32 * 1024 });
        SipParser.TryParseDatagram(request, index, out var message).Should().Be(OperationStatus.Done);

        var stopwatch = Stopwatch.StartNew();
        plan.Evaluate(message, context, services, decision);
        var elapsed = stopwatch.Elapsed;

        output.WriteLine($"{pattern} over a {value.Length}-byte header ({expected}): {elapsed.TotalMilliseconds:F3} ms");
        decision.Outcome.Should().Be(expected);
        elapsed.Should().BeLessThan(TimeSpan.FromMilliseconds(250));
    }
}
