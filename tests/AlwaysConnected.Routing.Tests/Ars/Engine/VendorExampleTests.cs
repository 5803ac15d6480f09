using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Ars.Compilation;
using AlwaysConnected.Routing.Ars.Evaluation;
using AlwaysConnected.Routing.Ars.Text;
using AlwaysConnected.Routing.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace AlwaysConnected.Routing.Tests.Ars.Engine;

/// <summary>The vendor's ARS examples (TestData/ars), each with a concrete request and the expected selection and edits.</summary>
public class VendorExampleTests
{
    private const string Caller = "<sip:300@192.168.0.5>;tag=c-1";

    private static CompiledArs Load(string file, ArsOptions? options = null) =>
        ArsCompiler.Compile(ArsTextReader.Parse(ArsTestData.Read(file)), options);

    private static byte[] Call(string number, string host = "pbx.local", params (string, string)[] extra) =>
        ArsHarness.Invite($"sip:{number}@{host}", $"<sip:{number}@{host}>", Caller, extra);

    [Fact]
    public void Prefix_9_is_stripped_and_the_call_goes_to_the_gateway()
    {
        var ars = Load("prefix-9.txt");
        var decision = new RoutingDecision();
        var request = Call("90312345678");

        ArsHarness.Route(ars, ArsDirection.Out, request, null, decision).Should().BeTrue();

        decision.GetRequestUriString().Should().Be("sip:0312345678@192.168.200.10");
        decision.GetTargetString().Should().Be("192.168.200.10");
        ParsedRequest.HeaderValue(ArsHarness.Write(request, decision), "To").Should().Be("<sip:0312345678@192.168.200.10>");
    }

    [Fact]
    public void Prefix_9_leaves_extension_calls_alone()
    {
        var ars = Load("prefix-9.txt");
        var decision = new RoutingDecision();

        ArsHarness.Route(ars, ArsDirection.Out, Call("301"), null, decision).Should().BeFalse();
        decision.Outcome.Should().Be(RoutingOutcome.NoMatch);
    }

    [Theory]
    [InlineData("1234567", true)]
    [InlineData("0312345678", true)]
    [InlineData("123456", false)]
    [InlineData("301", false)]
    public void Length_decides_whether_a_call_goes_out(string number, bool outbound)
    {
        var ars = Load("length-based.txt");
        var decision = new RoutingDecision();

        ArsHarness.Route(ars, ArsDirection.Out, Call(number), null, decision).Should().Be(outbound);
        if (outbound)
        {
            decision.GetRequestUriString().Should().Be($"sip:{number}@192.168.200.10");
        }
    }

    [Fact]
    public void Failover_goes_to_the_next_route_and_the_failed_one_recovers_after_its_recovery_time()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero));
        var ars = Load("failover.txt", new ArsOptions { Time = time });
        var decision = new RoutingDecision();
        var selection = new ArsSelection();
        var request = Call("0312345678");

        ArsHarness.Route(ars, ArsDirection.Out, request, null, decision, selection).Should().BeTrue();
        selection.RouteName.Should().Be("ITSP_A");
        decision.GetTargetString().Should().Be("itsp.com:5060;transport=udp");
        decision.GetRequestUriString().Should().Be("sip:0312345678@itsp.com");

        selection.ReportFailure(486).Should().BeFalse("a busy callee is not a trunk failure");
        selection.ReportFailure(503).Should().BeTrue();
        ArsHarness.Next(selection, request, null, decision).Should().BeTrue();
        selection.RouteName.Should().Be("MyGateway");
        decision.GetTargetString().Should().Be("192.168.200.10");
        decision.GetRequestUriString().Should().Be("sip:0312345678@192.168.200.10");
        ArsHarness.Next(selection, request, null, decision).Should().BeFalse("no route is left");

        // The next call skips ITSP_A while it recovers ...
        time.Advance(TimeSpan.FromMinutes(59));
        ArsHarness.Route(ars, ArsDirection.Out, request, null, decision, selection).Should().BeTrue();
        selection.RouteName.Should().Be("MyGateway");

        // ... and uses it again once the recovery time (1 h) has passed.
        time.Advance(TimeSpan.FromMinutes(1));
        ArsHarness.Route(ars, ArsDirection.Out, request, null, decision, selection).Should().BeTrue();
        selection.RouteName.Should().Be("ITSP_A");
    }

    [Fact]
    public void A_timeout_fails_over_too()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var ars = Load("failover.txt", new ArsOptions { Time = time });
        var decision = new RoutingDecision();
        var selection = new ArsSelection();
        var request = Call("0312345678");
        ArsHarness.Route(ars, ArsDirection.Out, request, null, decision, selection);

        selection.Trunk!.ResponseTimeout.Should().Be(TimeSpan.FromMilliseconds(4000));
        selection.ReportTimeout().Should().BeTrue();
        ArsHarness.Route(ars, ArsDirection.Out, request, null, decision, selection).Should().BeTrue();
        selection.RouteName.Should().Be("MyGateway");
    }

    [Fact]
    public void Template_rows_are_used_in_priority_order_and_a_full_row_is_passed_over()
    {
        var ars = Load("template-resource.txt");
        var decision = new RoutingDecision();
        var selection = new ArsSelection();
        var request = Call("0312345678");
        var leases = new List<ArsSessionLease>();

        string? Take()
        {
            if (!ArsHarness.Route(ars, ArsDirection.Out, request, null, decision, selection))
            {
                return null;
            }

            selection.TryAcquire(out var lease).Should().BeTrue();
            leases.Add(lease!);
            return selection.RouteName + " " + decision.GetTargetString();
        }

        Take().Should().Be("outbound*1 192.168.200.10");
        Take().Should().Be("outbound*2 192.168.200.11");
        Take().Should().Be("outbound*3 192.168.200.12");
        Take().Should().Be("outbound*3 192.168.200.12", "row 3 allows two sessions");
        Take().Should().BeNull();
        decision.Outcome.Should().Be(RoutingOutcome.Reject);
        decision.StatusCode.Should().Be(503);

        leases[0].Dispose();
        leases[0].Dispose();
        Take().Should().Be("outbound*1 192.168.200.10");
        Take().Should().BeNull("a double release must not free a second session");
    }

    [Fact]
    public void Rakuten_in_rings_the_extension_and_turns_the_country_prefix_into_a_national_zero()
    {
        var ars = Load("rakuten-in.txt");
        var decision = new RoutingDecision();
        var request = ArsHarness.Invite("sip:0501234567@203.0.113.9", "<sip:0501234567@203.0.113.9>", "\"Caller\" <sip:81312345678@ip.example.jp>;tag=r-1");

        ArsHarness.Route(ars, ArsDirection.In, request, null, decision).Should().BeTrue();

        var written = ArsHarness.Write(request, decision);
        ParsedRequest.HeaderValue(written, "From").Should().Be("\"Caller\" <sip:0312345678@ip.example.jp>;tag=r-1");
        ParsedRequest.HeaderValue(written, "To").Should().Be("<sip:5555@203.0.113.9>");
        ParsedRequest.RequestUri(written).Should().Be("sip:5555@203.0.113.9");
        decision.GetCapture(1).ToArray().Should().Equal("81"u8.ToArray());
        decision.GetCapture(2).ToArray().Should().Equal("312345678"u8.ToArray());
    }

    [Fact]
    public void Rakuten_in_ignores_callers_without_the_prefix()
    {
        var ars = Load("rakuten-in.txt");
        var request = ArsHarness.Invite("sip:0501234567@203.0.113.9", "<sip:0501234567@203.0.113.9>", "<sip:anonymous@anonymous.invalid>;tag=1");

        ArsHarness.Route(ars, ArsDirection.In, request, null, new RoutingDecision()).Should().BeFalse();
    }

    [Fact]
    public void Alert_info_saved_on_in_is_copied_into_the_header_on_out()
    {
        var ars = Load("alert-info.txt");
        var properties = new CallProperties();
        var decision = new RoutingDecision();
        var request = Call("0312345678");

        ArsHarness.Route(ars, ArsDirection.In, request, properties, decision).Should().BeTrue();
        properties.GetString("caller.alert-info").Should().Be("<http://127.0.0.1/Bellcore-dr2>");

        ArsHarness.Route(ars, ArsDirection.Out, request, properties, decision).Should().BeTrue();
        var written = ArsHarness.Write(request, decision);
        ParsedRequest.HeaderValue(written, "Alert-Info").Should().Be("<http://127.0.0.1/Bellcore-dr2>");
        ParsedRequest.HeaderValue(written, "X-Route").Should().Be("alert-info");
        ParsedRequest.RequestUri(written).Should().Be("sip:0312345678@itsp.example");
        decision.GetTargetString().Should().Be("itsp.example");
    }

    [Fact]
    public void Alert_info_without_the_saved_property_removes_the_header()
    {
        var ars = Load("alert-info.txt");
        var decision = new RoutingDecision();
        var request = Call("0312345678", extra: ("Alert-Info", "<http://evil.example/ring>"));

        ArsHarness.Route(ars, ArsDirection.Out, request, new CallProperties(), decision).Should().BeTrue();

        ParsedRequest.HeaderValue(ArsHarness.Write(request, decision), "Alert-Info").Should().BeNull();
    }
}
