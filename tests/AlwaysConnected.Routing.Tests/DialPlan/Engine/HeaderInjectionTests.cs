using System.Buffers;
using System.Text;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Sip.Writing;
using AlwaysConnected.Routing.Tests.Support;

namespace AlwaysConnected.Routing.Tests.DialPlan.Engine;

/// <summary>Nothing taken from the wire may put CR, LF or NUL into the rewritten request.</summary>
public class HeaderInjectionTests
{
    // RFC 4475 §3.1.1.2: the To display name holds quoted-pairs of raw BEL, NUL and DEL bytes.
    private static byte[] IntMeth() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "rfc4475", "intmeth.sip"));

    private static RoutingDecision Run(string rules, byte[] request, SipMessageIndex index, out SipMessage message)
    {
        var plan = DialPlanHarness.Compile(rules, new() { EvaluateInDialogRequests = true });
        message = ParsedRequest.Parse(request, index);
        var decision = new RoutingDecision();
        plan.Evaluate(message, new RoutingContext(DialPlanHarness.Remote), DialPlanHarness.Services(), decision);
        return decision;
    }

    private static void ShouldBeRefused(RoutingDecision decision, SipMessage message, string expectedInMessage)
    {
        decision.Outcome.Should().Be(RoutingOutcome.Error);
        decision.ErrorCode.Should().Be(RoutingErrorCode.InjectedLineBreak);
        decision.ErrorMessage.Should().Contain(expectedInMessage);
        decision.HeaderEditCount.Should().Be(0, "no partial edit is emitted");
        decision.HasTarget.Should().BeFalse();

        var output = new ArrayBufferWriter<byte>();
        SipRequestWriter.TryWrite(message, decision, output, out var error).Should().BeFalse();
        error.Should().Be(RoutingErrorCode.InjectedLineBreak);
        output.WrittenCount.Should().Be(0);
    }

    [Fact]
    public void The_parser_accepts_the_nul_in_the_display_name()
    {
        var index = new SipMessageIndex();
        var message = ParsedRequest.Parse(IntMeth(), index);
        message.TryGetHeader(SipHeaderId.To, out var to).Should().BeTrue();
        message.GetValue(to).IndexOf((byte)0).Should().BePositive();
    }

    [Fact]
    public void A_capture_holding_a_nul_is_refused_as_a_header_value()
    {
        var index = new SipMessageIndex();
        var decision = Run("[Rule copy]\n[Matching Patterns]\nTo = ^\"(.*)\"\n[Deploy Patterns]\nX-Display = %1\n", IntMeth(), index, out var message);
        ShouldBeRefused(decision, message, "Rule 'copy', deploy line 1 (X-Display): the substituted value holds a NUL");
    }

    [Fact]
    public void A_function_result_holding_a_nul_is_refused()
    {
        var index = new SipMessageIndex();
        var decision = Run("[Rule copy]\n[Matching Patterns]\n$request = .\n[Deploy Patterns]\nX-Other = fine\nX-Display = %{$getDisplayName(To)} via pbx\n", IntMeth(), index, out var message);
        ShouldBeRefused(decision, message, "deploy line 2 (X-Display)");
    }

    [Fact]
    public void A_nul_refused_in_the_to_uri_and_target_too()
    {
        var index = new SipMessageIndex();
        var decision = Run("[Rule route]\n[Matching Patterns]\nTo = ^\"(.*)\"\n[Deploy Patterns]\nTo = sip:%1@gw.example.net\n", IntMeth(), index, out var message);
        ShouldBeRefused(decision, message, "deploy line 1 (To)");
        decision.HasRequestUri.Should().BeFalse();

        index = new SipMessageIndex();
        decision = Run("[Rule route]\n[Matching Patterns]\nTo = ^\"(.*)\"\n[Deploy Patterns]\n$target = %1\n", IntMeth(), index, out message);
        ShouldBeRefused(decision, message, "deploy line 1 ($target)");
    }

    [Fact]
    public void Edits_of_an_earlier_continue_rule_are_not_written_when_a_later_rule_injects()
    {
        var index = new SipMessageIndex();
        var decision = Run(
            "[Rule tag]\n[Matching Patterns]\n$request = .\n[Deploy Patterns]\nX-Seen = yes\n$continue = true\n" +
            "[Rule copy]\n[Matching Patterns]\nTo = ^\"(.*)\"\n[Deploy Patterns]\nX-Display = %1\n",
            IntMeth(),
            index,
            out var message);
        decision.Outcome.Should().Be(RoutingOutcome.Error);
        decision.ErrorCode.Should().Be(RoutingErrorCode.InjectedLineBreak);
        SipRequestWriter.TryWrite(message, decision, new ArrayBufferWriter<byte>(), out var error).Should().BeFalse();
        error.Should().Be(RoutingErrorCode.InjectedLineBreak);
    }

    [Fact]
    public void A_nul_in_an_extension_header_value_is_caught_too()
    {
        var request = TestRequest.Build("INVITE", "sip:1000@pbx.example.com", [("X-Raw", "a\0b")]);
        var index = new SipMessageIndex();
        if (SipParser.TryParseDatagram(request, index, out var message) != OperationStatus.Done)
        {
            // The parser refusing a raw NUL outside quotes is as safe as the engine refusing it later.
            return;
        }

        var plan = DialPlanHarness.Compile("[Rule copy]\n[Matching Patterns]\nX-Raw = (.+)\n[Deploy Patterns]\nX-Copy = %1\n");
        var decision = new RoutingDecision();
        plan.Evaluate(message, new RoutingContext(DialPlanHarness.Remote), DialPlanHarness.Services(), decision);
        ShouldBeRefused(decision, message, "NUL at offset 1");
    }

    [Fact]
    public void A_folded_value_is_unfolded_to_one_space_and_written_on_one_line()
    {
        var request = Encoding.ASCII.GetBytes(
            "INVITE sip:1000@pbx.example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-1\r\nMax-Forwards: 70\r\n" +
            "From: <sip:a@example.com>;tag=1\r\nTo: <sip:1000@pbx.example.com>\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\n" +
            "X-Folded: first\r\n   second\r\nContent-Length: 0\r\n\r\n");
        var plan = DialPlanHarness.Compile("[Rule copy]\n[Matching Patterns]\nX-Folded = (.+)\n[Deploy Patterns]\nX-Copy = [%1]\n");
        var decision = DialPlanHarness.Evaluate(plan, request);
        decision.Outcome.Should().Be(RoutingOutcome.Forward);
        DialPlanHarness.Header(decision, "X-Copy").Should().Be("[first second]");
        DialPlanHarness.Write(request, decision).Should().Contain("\r\nX-Copy: [first second]\r\n");
    }

    [Fact]
    public void A_percent_escaped_nul_stays_three_characters_and_is_harmless()
    {
        // RFC 4475 escnull: `%00` in a user part is text until a URI is unescaped; the dial plan never unescapes.
        var request = TestRequest.Build("INVITE", "sip:1000@pbx.example.com", [("To", "<sip:%00@example.com>")]);
        var plan = DialPlanHarness.Compile("[Rule copy]\n[Matching Patterns]\n$getSIPuser(To) = (.+)\n[Deploy Patterns]\nX-User = %1\n");
        var decision = DialPlanHarness.Evaluate(plan, request);
        decision.Outcome.Should().Be(RoutingOutcome.Forward);
        DialPlanHarness.Header(decision, "X-User").Should().Be("%00");
    }
}
