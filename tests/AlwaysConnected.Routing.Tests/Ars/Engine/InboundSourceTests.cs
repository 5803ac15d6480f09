using System.Net;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Ars.Compilation;
using AlwaysConnected.Routing.Ars.Evaluation;
using AlwaysConnected.Routing.Ars.Text;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Tests.Support;

namespace AlwaysConnected.Routing.Tests.Ars.Engine;

/// <summary>
/// A route that accepts inbound calls only from its registered trunk: its IN blocks match a request from the
/// registrar's address or for the registered account, and nothing else; other routes still see the rest.
/// </summary>
public class InboundSourceTests
{
    private const string CarrierRoute = """
        [Route carrier]
        Inbound Source: registered-trunk
        [Registration]
        Register URI: sip:acct@itsp.example
        Proxy: 203.0.113.5:5070
        Patterns - IN 1
        [Matching Patterns]
        To: sip:([0-9]+)@
        [Deploy Patterns]
        To: sip:100@
        Patterns - OUT 1
        [Matching Patterns]
        To: sip:([0-9]+)@
        [Deploy Patterns]
        Target: 203.0.113.5:5070
        """;

    private const string AnywhereRoute = """

        [Route anywhere]
        Patterns - IN 1
        Priority: 200
        [Matching Patterns]
        To: sip:([0-9]+)@
        [Deploy Patterns]
        To: sip:900@
        """;

    private static readonly IPEndPoint Elsewhere = new(IPAddress.Parse("198.51.100.9"), 5060);

    [Theory]
    [InlineData("203.0.113.5", 5070)]
    [InlineData("203.0.113.5", 40312)] // the address is what tells the carrier apart; over TCP its port is ephemeral
    [InlineData("::ffff:203.0.113.5", 5070)] // an IPv4 peer as a dual-mode socket reports it
    public void A_call_from_the_registrars_address_takes_the_carrier_route(string address, int port)
    {
        var ars = Compile(CarrierRoute + AnywhereRoute);
        var decision = new RoutingDecision();

        RouteIn(ars, "sip:0312345678@pbx.example", new IPEndPoint(IPAddress.Parse(address), port), decision).Should().BeTrue();

        decision.AppliedRules.Should().Equal("carrier IN 1");
        decision.GetRequestUriString().Should().Be("sip:100@itsp.example");
    }

    [Fact]
    public void A_call_for_the_registered_account_takes_the_carrier_route_from_any_address()
    {
        var ars = Compile(CarrierRoute + AnywhereRoute);
        var decision = new RoutingDecision();

        RouteIn(ars, "sip:acct@192.0.2.1:5060;transport=udp", Elsewhere, decision).Should().BeTrue();

        decision.AppliedRules.Should().Equal("carrier IN 1");
    }

    [Fact]
    public void A_call_from_anywhere_else_falls_through_to_the_next_route()
    {
        var ars = Compile(CarrierRoute + AnywhereRoute);
        var decision = new RoutingDecision();

        RouteIn(ars, "sip:0312345678@pbx.example", Elsewhere, decision).Should().BeTrue();

        decision.AppliedRules.Should().Equal("anywhere IN 1");
        decision.GetRequestUriString().Should().Be("sip:900@itsp.example");
    }

    [Fact]
    public void A_call_from_anywhere_else_matches_nothing_when_the_carrier_route_is_the_only_one()
    {
        var ars = Compile(CarrierRoute);
        var decision = new RoutingDecision();

        RouteIn(ars, "sip:0312345678@pbx.example", Elsewhere, decision).Should().BeFalse();
        RouteIn(ars, "sip:ACCT@pbx.example", Elsewhere, decision).Should().BeFalse("the user part compares case-sensitively");
        RouteIn(ars, "sip:0312345678@pbx.example", new IPEndPoint(IPAddress.Parse("203.0.113.6"), 5070), decision).Should().BeFalse();

        decision.Outcome.Should().Be(RoutingOutcome.NoMatch);
    }

    [Fact]
    public void The_requirement_leaves_the_routes_OUT_blocks_alone()
    {
        var ars = Compile(CarrierRoute);
        var decision = new RoutingDecision();
        var message = Parse("sip:0312345678@pbx.example", out _);

        ars.RouteOut(message, new RoutingContext(Elsewhere), decision, new ArsSelection()).Should().BeTrue();

        decision.AppliedRules.Should().Equal("carrier OUT 1");
    }

    [Fact]
    public void The_Register_URIs_own_host_counts_as_the_registrars_address_too()
    {
        var ars = Compile("""
            [Route carrier]
            Inbound Source: registered-trunk
            [Registration]
            Register URI: sip:acct@192.0.2.10
            Proxy: 203.0.113.5
            Patterns - IN 1
            [Matching Patterns]
            To: sip:([0-9]+)@
            """);
        var decision = new RoutingDecision();

        RouteIn(ars, "sip:0312345678@pbx.example", new IPEndPoint(IPAddress.Parse("192.0.2.10"), 5060), decision).Should().BeTrue();
        RouteIn(ars, "sip:0312345678@pbx.example", new IPEndPoint(IPAddress.Parse("203.0.113.5"), 5060), decision).Should().BeTrue();
    }

    [Fact]
    public void A_registrar_named_by_a_host_name_is_recognised_through_the_hosts_resolver_only()
    {
        const string text = """
            [Route carrier]
            Inbound Source: registered-trunk
            [Registration]
            Register URI: sip:acct@itsp.example
            Patterns - IN 1
            [Matching Patterns]
            To: sip:([0-9]+)@
            """;
        var resolver = new InMemorySipHostResolver();
        resolver.Set("itsp.example", new IPEndPoint(IPAddress.Parse("192.0.2.20"), 0));
        var withResolver = ArsCompiler.Compile(ArsTextReader.Parse(text), new ArsOptions { HostResolver = resolver });
        var withoutResolver = Compile(text);
        var fromCarrier = new IPEndPoint(IPAddress.Parse("192.0.2.20"), 5060);
        var decision = new RoutingDecision();

        RouteIn(withResolver, "sip:0312345678@pbx.example", fromCarrier, decision).Should().BeTrue();
        RouteIn(withResolver, "sip:0312345678@pbx.example", Elsewhere, decision).Should().BeFalse();
        RouteIn(withoutResolver, "sip:0312345678@pbx.example", fromCarrier, decision).Should().BeFalse();
        RouteIn(withoutResolver, "sip:acct@pbx.example", fromCarrier, decision).Should().BeTrue();
    }

    [Fact]
    public void A_template_rows_route_knows_its_own_account_and_registrar_from_its_variables()
    {
        var ars = Compile("""
            [Template itsp]
            Inbound Source: registered-trunk
            [Registration]
            Register URI: sip:&v1@itsp.example
            Proxy: &v2
            [Row 1]
            &v1: acct1
            &v2: 192.0.2.31
            [Row 2]
            &v1: acct2
            &v2: 192.0.2.32
            Patterns - IN 1
            [Matching Patterns]
            To: sip:([0-9]+)@
            """);
        var decision = new RoutingDecision();

        RouteIn(ars, "sip:acct2@pbx.example", Elsewhere, decision).Should().BeTrue();
        decision.AppliedRules.Should().Equal("itsp*2 IN 1");
        RouteIn(ars, "sip:0312345678@pbx.example", new IPEndPoint(IPAddress.Parse("192.0.2.31"), 5060), decision).Should().BeTrue();
        decision.AppliedRules.Should().Equal("itsp*1 IN 1");
        RouteIn(ars, "sip:&v1@pbx.example", Elsewhere, decision).Should().BeFalse("the account is the row's value, not the text as written");
    }

    [Fact]
    public void Explain_says_which_source_was_refused_and_what_was_expected()
    {
        var ars = Compile(CarrierRoute + AnywhereRoute);
        var message = Parse("sip:0312345678@pbx.example", out _);

        var trace = ars.ExplainIn(message, new RoutingContext(Elsewhere), new RoutingDecision());

        var carrier = trace.Candidates.Should().ContainSingle(b => b.Route == "carrier").Subject;
        carrier.Matched.Should().BeFalse();
        var field = carrier.Conditions.Should().ContainSingle().Subject;
        field.Name.Should().Be("Inbound Source");
        field.Matched.Should().BeFalse();
        field.Pattern.Should().Be("source 203.0.113.5 or itsp.example or Request-URI user acct");
        field.Value.Should().Be("source 198.51.100.9:5060, Request-URI sip:0312345678@pbx.example");
        trace.Selected!.Name.Should().Be("anywhere IN 1");
    }

    [Fact]
    public void A_route_that_asks_for_its_registered_trunk_without_a_Registration_is_an_error()
    {
        var definition = ArsTextReader.Parse("""
            [Route carrier]
            Inbound Source: registered-trunk
            Patterns - IN 1
            [Matching Patterns]
            To: sip:([0-9]+)@
            """);

        ArsCompiler.TryCompile(definition, null, 0, out var compiled, out var diagnostics).Should().BeFalse();

        compiled.Should().BeNull();
        var error = diagnostics.Should().ContainSingle(d => d.Id == RoutingDiagnosticIds.ArsInboundSourceWithoutRegistration).Subject;
        error.Severity.Should().Be(RoutingDiagnosticSeverity.Error);
        error.Route.Should().Be("carrier");
        error.Field.Should().Be("Inbound Source");
        error.Message.Should().Contain("no Registration");
    }

    [Fact]
    public void A_Registration_that_names_no_trunk_is_the_same_error_with_the_reason()
    {
        var definition = new ArsDefinition([new ArsRoute("carrier")
        {
            InboundSource = ArsInboundSource.RegisteredTrunk,
            Registration = new RouteRegistration("tel:+81312345678"),
        }]);

        ArsCompiler.TryCompile(definition, null, 0, out _, out var diagnostics).Should().BeFalse();

        diagnostics.Should().ContainSingle(d => d.Id == RoutingDiagnosticIds.ArsInboundSourceWithoutRegistration)
            .Which.Message.Should().Contain("tel:+81312345678");
    }

    [Fact]
    public void Checking_the_source_allocates_nothing_once_warm()
    {
        var resolver = new InMemorySipHostResolver();
        resolver.Set("itsp.example", new IPEndPoint(IPAddress.Parse("192.0.2.20"), 0));
        var ars = ArsCompiler.Compile(ArsTextReader.Parse(CarrierRoute + AnywhereRoute), new ArsOptions { HostResolver = resolver });
        var fromRegistrar = Request("sip:0312345678@pbx.example");
        var forAccount = Request("sip:acct@pbx.example");
        var index = new SipMessageIndex();
        var registrar = new RoutingContext(new IPEndPoint(IPAddress.Parse("203.0.113.5"), 5070));
        var resolved = new RoutingContext(new IPEndPoint(IPAddress.Parse("192.0.2.20"), 5060));
        var elsewhere = new RoutingContext(Elsewhere);
        var decision = new RoutingDecision();
        var selection = new ArsSelection();
        var carrier = 0;
        var anywhere = 0;

        void Count()
        {
            if (decision.AppliedRules[0][0] == 'c')
            {
                carrier++;
            }
            else
            {
                anywhere++;
            }
        }

        void RunOnce()
        {
            SipParser.TryParseDatagram(fromRegistrar, index, out var message);
            ars.RouteIn(message, registrar, decision, selection);
            Count();
            ars.RouteIn(message, resolved, decision, selection);
            Count();
            ars.RouteIn(message, elsewhere, decision, selection);
            Count();
            SipParser.TryParseDatagram(forAccount, index, out message);
            ars.RouteIn(message, elsewhere, decision, selection);
            Count();
        }

        var allocated = SteadyStateAllocations.Measure(RunOnce, warmUp: 50);

        allocated.Should().Be(0);
        carrier.Should().Be(anywhere * 3, "per round: registrar, resolved name and account take the carrier route, the stranger the other");
    }

    private static CompiledArs Compile(string text) => ArsCompiler.Compile(ArsTextReader.Parse(text));

    // The carrier sends to the Contact it holds (sip:acct@PBX) or to the number; To names the number dialled.
    private static byte[] Request(string requestUri) =>
        ArsHarness.Invite(requestUri, "<sip:0312345678@itsp.example>", "<sip:caller@198.51.100.9>;tag=1");

    private static SipMessage Parse(string requestUri, out SipMessageIndex index)
    {
        index = new SipMessageIndex();
        return ParsedRequest.Parse(Request(requestUri), index);
    }

    private static bool RouteIn(CompiledArs ars, string requestUri, IPEndPoint source, RoutingDecision decision)
    {
        var message = Parse(requestUri, out _);
        return ars.RouteIn(message, new RoutingContext(source), decision, new ArsSelection());
    }
}
