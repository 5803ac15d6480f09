using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Text;
using AlwaysConnected.Routing.DialPlan.Text;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Sip.Writing;

namespace AlwaysConnected.Routing.Tests.Hardening;

/// <summary>
/// Each hostile input gets a typed error or a result within a stated bound (docs/security.md, "Resource exhaustion").
/// The bounds are generous on purpose: they catch hangs and super-linear work, not a slow shared machine.
/// </summary>
public class HostileInputTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static readonly SipParserOptions NoLimits = new()
    {
        MaxMessageSize = 16 << 20,
        MaxHeaderCount = 1 << 20,
        MaxLineLength = 16 << 20,
        MaxHeaderValueLength = 16 << 20,
    };

    private static readonly RoutingContext Outside = new(new IPEndPoint(IPAddress.Parse("203.0.113.9"), 5060));

    private static byte[] Request(string extraHeaders, string to = "<sip:1000@example.com>") => Encoding.Latin1.GetBytes(
        "INVITE sip:1000@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n" +
        $"From: <sip:2000@example.com>;tag=1\r\nTo: {to}\r\n{extraHeaders}Call-ID: c@x\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");

    private static SipRouter CopyingRouter() => new SipRouterBuilder().AddDialPlanText("""
        [Rule copy]
        [Matching Patterns]
        $request = ^INVITE
        X-Big = (.*)
        [Deploy Patterns]
        X-Copy = %1
        X-P = %{$param(To, "p9999")}
        $continue = true

        [Rule last]
        [Matching Patterns]
        $getSIPuser(To) = ^(.+)$
        [Deploy Patterns]
        $target = gw.example.net
        """).Build();

    [Fact]
    public void A_64_kb_header_line_is_refused_by_default_and_routed_in_bounded_time_when_allowed()
    {
        var bytes = Request("X-Big: " + new string('a', 64 * 1024) + "\r\n");
        var index = new SipMessageIndex();
        SipParser.TryParseDatagram(bytes, index, out _).Should().Be(OperationStatus.InvalidData);
        index.Error.Code.Should().BeOneOf(SipParseErrorCode.MessageTooLarge, SipParseErrorCode.HeaderLineTooLong);

        var decision = RouteWithin(bytes, CopyingRouter());
        decision.Outcome.Should().Be(RoutingOutcome.Forward);
        decision.TryGetVariable("$target", out _).Should().BeFalse();
    }

    [Fact]
    public void Ten_thousand_headers_are_refused_by_default_and_routed_in_bounded_time_when_allowed()
    {
        var bytes = Request(string.Concat(Enumerable.Range(0, 10_000).Select(i => $"X-H{i}: v\r\n")));
        var index = new SipMessageIndex();
        SipParser.TryParseDatagram(bytes, index, out _).Should().Be(OperationStatus.InvalidData);
        index.Error.Code.Should().BeOneOf(SipParseErrorCode.TooManyHeaders, SipParseErrorCode.MessageTooLarge);

        RouteWithin(bytes, CopyingRouter()).Outcome.Should().Be(RoutingOutcome.Forward);
    }

    [Fact]
    public void Ten_thousand_parameters_are_read_in_bounded_time()
    {
        string parameters = string.Concat(Enumerable.Range(0, 10_000).Select(i => $";p{i}=v{i}"));
        var bytes = Request(string.Empty, to: $"<sip:1000@example.com{parameters}>{parameters}");
        var watch = Stopwatch.StartNew();
        var decision = RouteWithin(bytes, CopyingRouter());

        decision.Outcome.Should().Be(RoutingOutcome.Forward);
        var index = new SipMessageIndex(NoLimits);
        SipParser.TryParseDatagram(bytes, index, out var message).Should().Be(OperationStatus.Done);
        NameAddress.TryParse(message.GetFirstValue(SipHeaderId.To), out var to).Should().BeTrue();
        int count = 0;
        foreach (var _ in to.Parameters)
        {
            count++;
        }

        count.Should().Be(10_000);
        to.Parameters.TryGetValue("p9999"u8, out var last).Should().BeTrue();
        Encoding.ASCII.GetString(last).Should().Be("v9999");
        watch.Elapsed.Should().BeLessThan(Bound);
    }

    [Fact]
    public void Deeply_repeated_commas_and_quotes_are_enumerated_in_bounded_time()
    {
        var bytes = Request("Route: " + string.Concat(Enumerable.Repeat(",\"<", 20_000)) + "\r\nX-Big: " + new string(',', 60_000) + "\r\n");
        var index = new SipMessageIndex(NoLimits);
        var watch = Stopwatch.StartNew();
        SipParser.TryParseDatagram(bytes, index, out var message).Should().Be(OperationStatus.Done);
        int values = 0;
        foreach (var _ in message.EnumerateValues(SipHeaderId.Route))
        {
            values++;
        }

        SipMessageValidator.TryValidate(message, out _);
        RouteWithin(bytes, CopyingRouter());
        watch.Elapsed.Should().BeLessThan(Bound);
        values.Should().BeGreaterThan(0);
    }

    [Theory]
    [InlineData("X-Big: \xff\xfe\xc3\x28 \xed\xa0\x80 end\r\n")]
    [InlineData("X-Big: a\0b\0\0c\r\n")]
    public void Invalid_utf8_and_nul_in_values_are_opaque_and_never_reach_the_output_unrefused(string header)
    {
        var bytes = Request(header);
        var index = new SipMessageIndex();
        SipParser.TryParseDatagram(bytes, index, out var message).Should().Be(OperationStatus.Done);
        var decision = new RoutingDecision();

        CopyingRouter().Route(message, Outside, decision);

        if (header.Contains('\0', StringComparison.Ordinal))
        {
            decision.Outcome.Should().Be(RoutingOutcome.Error);
            decision.ErrorCode.Should().Be(RoutingErrorCode.InjectedLineBreak);
            decision.ErrorMessage.Should().Contain("copy");
        }
        else
        {
            decision.Outcome.Should().Be(RoutingOutcome.Forward);
            var output = new ArrayBufferWriter<byte>();
            SipRequestWriter.TryWrite(message, decision, output, out _).Should().BeTrue();
            SipParser.TryParseDatagram(output.WrittenSpan, new SipMessageIndex(), out _).Should().Be(OperationStatus.Done);
        }
    }

    [Theory]
    [InlineData("99999999999999999999")]
    [InlineData("18446744073709551616")]
    [InlineData("4294967296")]
    [InlineData("2147483648")]
    [InlineData("-1")]
    [InlineData("1e3")]
    public void A_content_length_overflow_is_a_typed_error_for_datagrams_and_streams(string length)
    {
        var bytes = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(Request(string.Empty)).Replace("Content-Length: 0", "Content-Length: " + length, StringComparison.Ordinal));
        var index = new SipMessageIndex();

        SipParser.TryParseDatagram(bytes, index, out _).Should().Be(OperationStatus.InvalidData);
        index.Error.Code.Should().NotBe(SipParseErrorCode.None);
        var status = SipParser.TryParseStream(new ReadOnlySequence<byte>(bytes), index, out _, out _);
        status.Should().Be(OperationStatus.InvalidData, "a stream must not wait for {0} bytes", length);
        index.Error.Code.Should().NotBe(SipParseErrorCode.None);
    }

    [Theory]
    [InlineData("^(a+)+$")]
    [InlineData("^(a|aa)+$")]
    [InlineData("^(.*a){20}$")]
    [InlineData("(x+x+)+y")]
    public void A_rule_pattern_built_to_backtrack_catastrophically_gives_a_result_in_bounded_time(string pattern)
    {
        var router = new SipRouterBuilder().AddDialPlanText($"""
            [Rule evil]
            [Matching Patterns]
            X-Big = {pattern}
            [Deploy Patterns]
            $action = 403

            [Rule fallback]
            [Matching Patterns]
            $request = ^INVITE
            [Deploy Patterns]
            $target = gw.example.net
            """).Build();
        var bytes = Request("X-Big: " + new string(pattern.Contains('x', StringComparison.Ordinal) ? 'x' : 'a', 5_000) + "!\r\n");

        var decision = RouteWithin(bytes, router);

        decision.Outcome.Should().BeOneOf(RoutingOutcome.Forward, RoutingOutcome.Error);
    }

    [Fact]
    public void A_rule_file_of_100000_rules_loads_and_routes_in_bounded_time() => LoadAndRoute(100_000, TimeSpan.FromSeconds(60));

    [Fact]
    public void A_rule_file_of_5000_rules_loads_and_routes_in_bounded_time() => LoadAndRoute(5_000, TimeSpan.FromSeconds(30));

    private static void LoadAndRoute(int rules, TimeSpan bound)
    {
        var text = new StringBuilder();
        for (int i = 0; i < rules; i++)
        {
            text.Append("[Rule r").Append(i).Append("]\n[Matching Patterns]\n$getSIPuser(To) = ^").Append(i).Append("$\n[Deploy Patterns]\n$target = gw").Append(i).Append(".example.net\n\n");
        }

        var watch = Stopwatch.StartNew();
        DialPlanTextReader.TryParse(text.ToString(), out var definition, out var errors).Should().BeTrue(string.Join("; ", errors.Take(3)));
        definition!.Rules.Should().HaveCount(rules);
        var router = new SipRouterBuilder().AddDialPlanText(text.ToString()).Build();
        var loaded = watch.Elapsed;

        var decision = RouteWithin(Request(string.Empty, to: $"<sip:{rules - 1}@example.com>"), router);

        decision.GetTargetString().Should().Be($"gw{rules - 1}.example.net");
        loaded.Should().BeLessThan(bound);
    }

    [Fact]
    public void A_rule_file_with_errors_everywhere_lists_located_errors_without_throwing()
    {
        var text = string.Concat(Enumerable.Range(0, 5_000).Select(i => $"[Rule r{i}]\n[Matching Patterns]\n$nosuch{i}(To) = (\n[Deploy Patterns]\nX = %{{\n"));
        var act = () => new SipRouterBuilder().AddDialPlanText(text).Build();

        var error = act.Should().Throw<RoutingConfigurationException>().Which;
        error.Errors.Should().NotBeEmpty();
        error.Errors.First().Location.Should().NotBeNullOrEmpty();
    }

    private static RoutingDecision RouteWithin(byte[] bytes, SipRouter router)
    {
        var index = new SipMessageIndex(NoLimits);
        var decision = new RoutingDecision();
        var watch = Stopwatch.StartNew();
        SipParser.TryParseDatagram(bytes, index, out var message).Should().Be(OperationStatus.Done, index.Error.ToString());
        router.Route(message, Outside, decision);
        var output = new ArrayBufferWriter<byte>();
        if (decision.Outcome == RoutingOutcome.Forward)
        {
            SipRequestWriter.TryWrite(message, decision, output, out _);
        }

        watch.Elapsed.Should().BeLessThan(Bound);
        return decision;
    }
}
