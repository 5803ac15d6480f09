using System.Buffers;
using System.Net;
using System.Text;
using AlwaysConnected.Routing.DialPlan;
using AlwaysConnected.Routing.Services;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Sip.Writing;
using AlwaysConnected.Routing.Tests.DialPlan.Engine;
using AlwaysConnected.Routing.Tests.Support;

namespace AlwaysConnected.Routing.Tests.Sip.Writing;

/// <summary>A proxy's own edits written in the same pass as a decision's: what the next hop receives.</summary>
public class SipProxyEditsTests
{
    private const string OurVia = "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKacsp0123456789abcdef0123";
    private const string StampedVia = "SIP/2.0/UDP 127.0.0.1:5056;branch=z9hG4bK-ms-1;rport=5056";
    private static readonly RoutingServices Services = new() { LocalAddresses = [IPAddress.Parse("192.168.0.1")] };

    [Fact]
    public void The_decision_and_the_proxy_edits_land_in_one_request_the_rest_as_it_arrived()
    {
        var (written, ok, _) = Write(HotPathTests.MediaServerInvite, Forwarding());
        ok.Should().BeTrue();
        written.Should().Be(
            "INVITE sip:09012345678@itsp.example.net SIP/2.0\r\n" +
            $"Via: {OurVia}\r\n" +
            $"Via: {StampedVia}\r\n" +
            "Max-Forwards: 69\r\n" +
            "From: \"Agent 101\" <sip:0312345678@itsp.example.net>;tag=ms1\r\n" +
            "To: <sip:09012345678@itsp.example.net>\r\n" +
            "Call-ID: 3c26700a-ms@127.0.0.1\r\n" +
            "CSeq: 1 INVITE\r\n" +
            "Contact: <sip:101@127.0.0.1:5056>\r\n" +
            "Content-Type: application/sdp\r\n" +
            "Content-Length: 0\r\n\r\n");
        Parses(written).Should().BeTrue("the next hop must read what was written");
    }

    [Fact]
    public void Max_forwards_is_added_when_the_request_has_none_and_extra_lines_follow_our_via()
    {
        var request = Request("INVITE sip:1@h SIP/2.0\r\nVia: SIP/2.0/UDP a:1;branch=z9hG4bK1, SIP/2.0/UDP b:2;branch=z9hG4bK2\r\nCall-ID: c\r\n\r\n");
        var edits = new SipProxyEdits
        {
            Via = "SIP/2.0/UDP p:5;branch=z9hG4bKp"u8,
            ExtraHeaders = "Record-Route: <sip:p:5;lr>\r\n"u8,
            ReceivedVia = "SIP/2.0/UDP a:1;branch=z9hG4bK1;received=10.0.0.1"u8,
            MaxForwards = 9,
        };
        var (written, ok, _) = Write(request, edits, new RoutingDecision());
        ok.Should().BeTrue();
        written.Should().Be(
            "INVITE sip:1@h SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP p:5;branch=z9hG4bKp\r\n" +
            "Record-Route: <sip:p:5;lr>\r\n" +
            "Via: SIP/2.0/UDP a:1;branch=z9hG4bK1;received=10.0.0.1, SIP/2.0/UDP b:2;branch=z9hG4bK2\r\n" +
            "Call-ID: c\r\n" +
            "Max-Forwards: 9\r\n\r\n",
            "only the first element of a shared Via line is replaced");
    }

    [Fact]
    public void A_decision_that_sets_max_forwards_itself_wins()
    {
        var plan = DialPlanHarness.Compile("[Rule mf]\n[Matching Patterns]\n$request = ^INVITE\n[Deploy Patterns]\nMax-Forwards = 5\n");
        var decision = DialPlanHarness.Evaluate(plan, HotPathTests.MediaServerInvite, Services, DialPlanHarness.MediaServer);
        var (written, ok, _) = Write(HotPathTests.MediaServerInvite, new SipProxyEdits { MaxForwards = 69 }, decision);
        ok.Should().BeTrue();
        written.Should().Contain("\r\nMax-Forwards: 5\r\n").And.NotContain("Max-Forwards: 69");
    }

    [Theory]
    [InlineData("Via", "SIP/2.0/UDP p:5;branch=x\r\nX-Injected: 1")]
    [InlineData("ReceivedVia", "SIP/2.0/UDP a:1\nX: 1")]
    [InlineData("ExtraHeaders", "Record-Route: <sip:p;lr>")]
    [InlineData("ExtraHeaders", "Record-Route: <sip:p;lr>\r\n\r\nINVITE sip:x SIP/2.0\r\n")]
    [InlineData("ExtraHeaders", "A: 1\nB: 2\r\n")]
    public void Proxy_edits_that_would_break_the_header_section_are_refused(string field, string value)
    {
        var bytes = Encoding.ASCII.GetBytes(value);
        var edits = field switch
        {
            "Via" => new SipProxyEdits { Via = bytes },
            "ReceivedVia" => new SipProxyEdits { ReceivedVia = bytes },
            _ => new SipProxyEdits { ExtraHeaders = bytes },
        };
        var (written, ok, error) = Write(HotPathTests.MediaServerInvite, edits, new RoutingDecision());
        ok.Should().BeFalse();
        error.Should().Be(RoutingErrorCode.InjectedLineBreak);
        written.Should().BeEmpty("nothing is written when the edits are refused");
    }

    [Fact]
    public void A_negative_max_forwards_is_refused()
    {
        var (_, ok, error) = Write(HotPathTests.MediaServerInvite, new SipProxyEdits { MaxForwards = -1 }, new RoutingDecision());
        ok.Should().BeFalse();
        error.Should().Be(RoutingErrorCode.InvalidValue);
    }

    [Fact]
    public void Writing_with_the_proxy_edits_allocates_nothing_after_warm_up()
    {
        var plan = DialPlanHarness.Compile(HotPathTests.SeedRules);
        var index = new SipMessageIndex();
        var decision = new RoutingDecision();
        var buffer = new ArrayBufferWriter<byte>(4096);
        var via = Encoding.ASCII.GetBytes(OurVia);
        var stamped = Encoding.ASCII.GetBytes(StampedVia);

        int Once()
        {
            SipParser.TryParseDatagram(HotPathTests.MediaServerInvite, index, out var message);
            decision.Reset();
            plan.Evaluate(message, new RoutingContext(DialPlanHarness.MediaServer), Services, decision);
            buffer.ResetWrittenCount();
            SipRequestWriter.TryWrite(message, decision, new SipProxyEdits { Via = via, ReceivedVia = stamped, MaxForwards = 69 }, buffer, out _);
            return buffer.WrittenCount;
        }

        Once().Should().BePositive();
        SteadyStateAllocations.Measure(() => Once()).Should().Be(0);
    }

    private static SipProxyEdits Forwarding() => new()
    {
        Via = Encoding.ASCII.GetBytes(OurVia),
        ReceivedVia = Encoding.ASCII.GetBytes(StampedVia),
        MaxForwards = 69,
    };

    private static (string Written, bool Ok, RoutingErrorCode Error) Write(byte[] request, SipProxyEdits edits, RoutingDecision? decision = null)
    {
        decision ??= DialPlanHarness.Evaluate(DialPlanHarness.Compile(HotPathTests.SeedRules), request, Services, DialPlanHarness.MediaServer);
        var index = new SipMessageIndex();
        SipParser.TryParseDatagram(request, index, out var message).Should().Be(OperationStatus.Done);
        var output = new ArrayBufferWriter<byte>();
        var ok = SipRequestWriter.TryWrite(message, decision, edits, output, out var error);
        return (Encoding.ASCII.GetString(output.WrittenSpan), ok, error);
    }

    private static byte[] Request(string text) => Encoding.ASCII.GetBytes(text);

    private static bool Parses(string text) =>
        SipParser.TryParseDatagram(Encoding.ASCII.GetBytes(text), new SipMessageIndex(), out _) == OperationStatus.Done;
}
