using System.Net;
using System.Text;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Tests.Support;

namespace AlwaysConnected.Routing.Tests.Router;

/// <summary>The typed <c>$target</c> list: entries, their parts, errors, and turning them into addresses.</summary>
public class NextHopListTests
{
    private static RoutingDecision Decide(string target)
    {
        var router = new SipRouterBuilder()
            .AddDialPlanText($"""
                [Rule failover]
                [Matching Patterns] $request = ^INVITE
                [Deploy Patterns] $target = {target}
                """)
            .Build();
        var decision = new RoutingDecision();
        var index = new SipMessageIndex();
        router.Route(ParsedRequest.Parse(SeedMessages.MediaServerInvite(), index), SeedMessages.FromMediaServer, decision);
        decision.Outcome.Should().Be(RoutingOutcome.Forward);
        return decision;
    }

    private static List<(string Host, int Port, SipTransport? Transport, string Parameters, SipHostKind Kind, RoutingErrorCode Error)> Read(NextHopList list)
    {
        var hops = new List<(string, int, SipTransport?, string, SipHostKind, RoutingErrorCode)>();
        foreach (var hop in list)
        {
            hops.Add((Encoding.UTF8.GetString(hop.Host), hop.Port, hop.Transport, Encoding.UTF8.GetString(hop.ParametersText), hop.HostKind, hop.Error));
        }

        return hops;
    }

    [Fact]
    public void A_dial_plan_failover_list_reads_as_typed_next_hops_in_order()
    {
        var decision = Decide("10.0.0.1:5070;transport=tcp, trunk-b.example.net, [2001:db8::1]:5080, sips:gw@carrier.example.com;lr");

        decision.NextHops.Count.Should().Be(4);
        Read(decision.NextHops).Should().Equal(
            ("10.0.0.1", 5070, SipTransport.Tcp, ";transport=tcp", SipHostKind.IPv4, RoutingErrorCode.None),
            ("trunk-b.example.net", 0, null, "", SipHostKind.Name, RoutingErrorCode.None),
            ("[2001:db8::1]", 5080, null, "", SipHostKind.IPv6, RoutingErrorCode.None),
            ("carrier.example.com", 0, SipTransport.Tls, ";lr", SipHostKind.Name, RoutingErrorCode.None));
    }

    [Fact]
    public void A_single_target_is_a_list_of_one_and_no_target_is_empty()
    {
        Read(Decide("127.0.0.1:5052").NextHops).Should().Equal(("127.0.0.1", 5052, null, "", SipHostKind.IPv4, RoutingErrorCode.None));
        var none = new RoutingDecision();
        none.NextHops.IsEmpty.Should().BeTrue();
        none.NextHops.Count.Should().Be(0);
    }

    [Theory]
    [InlineData("::1", RoutingErrorCode.InvalidNextHopHost)]
    [InlineData("2001:db8::1:5060", RoutingErrorCode.InvalidNextHopHost)]
    [InlineData("host.example:0", RoutingErrorCode.InvalidNextHopPort)]
    [InlineData("host.example:70000", RoutingErrorCode.InvalidNextHopPort)]
    [InlineData("host.example:50a", RoutingErrorCode.InvalidNextHopParameters)]
    [InlineData("host.example;transport=sctp", RoutingErrorCode.UnsupportedTransport)]
    [InlineData("sip:", RoutingErrorCode.InvalidNextHopUri)]
    [InlineData("<sip:gw@carrier.example.com>x", RoutingErrorCode.InvalidNextHopUri)]
    [InlineData("[::1", RoutingErrorCode.InvalidNextHopHost)]
    public void A_malformed_entry_is_enumerated_with_the_reason(string entry, RoutingErrorCode error)
    {
        var list = new NextHopList(Encoding.UTF8.GetBytes($"10.0.0.1, {entry}, 10.0.0.2"));

        var hops = Read(list);
        hops.Should().HaveCount(3, "a bad entry must not hide the hops after it");
        hops[1].Error.Should().Be(error);
        list.TryGet(1, out var bad).Should().BeTrue();
        bad.IsValid.Should().BeFalse();
        bad.ToString().Should().Be(entry);
        bad.TryGetEndPoint(new InMemorySipHostResolver(), out _).Should().BeFalse();
        hops[2].Error.Should().Be(RoutingErrorCode.None);
    }

    [Fact]
    public void Empty_entries_are_reported_and_commas_inside_brackets_do_not_split()
    {
        Read(new NextHopList("10.0.0.1,,<sip:a,b@10.0.0.2>"u8.ToArray())).Select(h => (h.Host, h.Error)).Should().Equal(
            ("10.0.0.1", RoutingErrorCode.None), (string.Empty, RoutingErrorCode.EmptyNextHop), ("10.0.0.2", RoutingErrorCode.None));
    }

    [Fact]
    public void Literal_addresses_become_endpoints_without_a_resolver_and_ports_default_by_transport()
    {
        var list = new NextHopList("192.0.2.7:5070, [2001:db8::9], 192.0.2.8;transport=tls, sips:192.0.2.9"u8.ToArray());
        var endpoints = new List<IPEndPoint?>();
        foreach (var hop in list)
        {
            hop.TryGetEndPoint(null, out var endPoint).Should().BeTrue(hop.ToString());
            endpoints.Add(endPoint);
        }

        endpoints.Should().Equal(
            new IPEndPoint(IPAddress.Parse("192.0.2.7"), 5070),
            new IPEndPoint(IPAddress.Parse("2001:db8::9"), 5060),
            new IPEndPoint(IPAddress.Parse("192.0.2.8"), 5061),
            new IPEndPoint(IPAddress.Parse("192.0.2.9"), 5061));
    }

    [Fact]
    public void Names_are_asked_of_the_resolver_and_the_hops_own_port_wins()
    {
        var resolver = new InMemorySipHostResolver();
        resolver.Set("trunk-a.example.net", new IPEndPoint(IPAddress.Parse("198.51.100.1"), 5090));
        resolver.Set("trunk-b.example.net", new IPEndPoint(IPAddress.Parse("198.51.100.2"), 0));
        var list = new NextHopList("TRUNK-A.example.net, trunk-a.example.net:5099, trunk-b.example.net, unknown.example.net"u8.ToArray());

        var results = new List<string>();
        foreach (var hop in list)
        {
            results.Add(hop.TryGetEndPoint(resolver, out var endPoint) ? endPoint.ToString() : "unresolved");
        }

        results.Should().Equal("198.51.100.1:5090", "198.51.100.1:5099", "198.51.100.2:5060", "unresolved");
        list.TryGet(0, out var first).Should().BeTrue();
        first.TryGetEndPoint(null, out _).Should().BeFalse("a name needs a resolver");
    }

    [Fact]
    public void Reading_the_list_allocates_nothing()
    {
        var decision = Decide("10.0.0.1:5070;transport=tcp, trunk-b.example.net, [2001:db8::1]:5080, sips:gw@carrier.example.com;lr");
        var ports = 0;
        var bytes = SteadyStateAllocations.Measure(() =>
        {
            foreach (var hop in decision.NextHops)
            {
                ports += hop.EffectivePort + hop.Host.Length + (hop.Transport is null ? 0 : 1);
            }
        });

        bytes.Should().Be(0);
        ports.Should().BeGreaterThan(0);
    }
}
