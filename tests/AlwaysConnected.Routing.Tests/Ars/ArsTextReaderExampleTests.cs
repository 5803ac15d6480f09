using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Ars.Text;
using AlwaysConnected.Routing.Collections;

namespace AlwaysConnected.Routing.Tests.Ars;

public class ArsTextReaderExampleTests
{
    [Fact]
    public void Prefix_9_route_strips_the_prefix_with_a_to_group()
    {
        var route = ArsTextReader.Parse(ArsTestData.Read("prefix-9.txt")).Routes.Should().ContainSingle().Subject;

        route.Should().Be(new ArsRoute("outbound-prefix-9")
        {
            OutBlocks = EquatableArray.Create(new ArsPatternBlock(1, ArsDirection.Out)
            {
                MatchTo = "sip:9(.*)@",
                DeployTo = "sip:&t1@192.168.200.10",
            }),
        });
    }

    [Fact]
    public void Length_based_route_matches_seven_digits_or_more()
    {
        var block = ArsTextReader.Parse(ArsTestData.Read("length-based.txt")).Routes[0].OutBlocks.Should().ContainSingle().Subject;

        block.Should().Be(new ArsPatternBlock(1, ArsDirection.Out) { MatchTo = "sip:([0-9]{7,})@", DeployTo = "sip:&t1@192.168.200.10" });
    }

    [Fact]
    public void Failover_routes_carry_timeout_recovery_and_statuses()
    {
        var routes = ArsTextReader.Parse(ArsTestData.Read("failover.txt")).Routes;

        routes.Should().Equal(
            new ArsRoute("ITSP_A")
            {
                OutBlocks = EquatableArray.Create(new ArsPatternBlock(1, ArsDirection.Out)
                {
                    Priority = 1,
                    MaxSessions = 10,
                    MatchTo = "sip:([0-9]+)@",
                    DeployTo = "sip:&t1@itsp.com",
                    Trunk = new TrunkConnection(
                        "itsp.com:5060;transport=udp",
                        TimeSpan.FromSeconds(4),
                        TimeSpan.FromHours(1),
                        new FailoverPolicy(EquatableArray.Create(new StatusCodeRange(500, 599)))),
                }),
            },
            new ArsRoute("MyGateway")
            {
                OutBlocks = EquatableArray.Create(new ArsPatternBlock(1, ArsDirection.Out)
                {
                    Priority = 2,
                    MatchTo = "sip:([0-9]+)@",
                    DeployTo = "sip:&t1@192.168.200.10",
                    Trunk = new TrunkConnection("192.168.200.10"),
                }),
            });
        var trunk = routes[1].OutBlocks[0].Trunk!;
        trunk.ResponseTimeout.Should().Be(TimeSpan.FromSeconds(8));
        trunk.RecoveryTime.Should().Be(TimeSpan.FromSeconds(60));
        trunk.Failover.FailsOver(503).Should().BeTrue();
        trunk.Failover.FailsOver(486).Should().BeFalse();
        trunk.Failover.OnTimeout.Should().BeTrue();
    }

    [Fact]
    public void Template_rows_generate_routes_with_their_priority_and_session_limit()
    {
        var definition = ArsTextReader.Parse(ArsTestData.Read("template-resource.txt"));

        var template = definition.Templates.Should().ContainSingle().Subject;
        template.Name.Should().Be("outbound");
        template.CommonVariables.Should().Equal(new ArsVariable("a1", "gw"));
        template.Rows.Select(r => r.Number).Should().Equal(1, 2, 3);
        template.Bindings.Should().Equal(
            new TemplateBinding(ArsDirection.Out, 1, TemplateNumericField.Priority, "v1"),
            new TemplateBinding(ArsDirection.Out, 1, TemplateNumericField.MaxSessions, "v2"));

        var routes = definition.GetEffectiveRoutes();
        routes.Select(r => r.Name).Should().Equal("outbound*1", "outbound*2", "outbound*3");
        routes.Select(r => r.OutBlocks[0].Priority).Should().Equal(1, 2, 3);
        routes.Select(r => r.OutBlocks[0].MaxSessions).Should().Equal(1, 1, 2);
        routes[2].GetVariable("v3").Should().Be("192.168.200.12");
        routes[2].GetVariable("a1").Should().Be("gw");
        routes[0].OutBlocks[0].DeployTo.Should().Be("sip:&t1@&v3");
    }

    [Fact]
    public void Rakuten_in_route_rewrites_from_with_f2_and_registers()
    {
        var route = ArsTextReader.Parse(ArsTestData.Read("rakuten-in.txt")).Routes.Should().ContainSingle().Subject;

        route.Should().Be(new ArsRoute("rakuten")
        {
            Registration = new RouteRegistration("sip:0501234567@ip.example.jp", "203.0.113.5", 3600, 50, "0501234567", "s3cret"),
            InBlocks = EquatableArray.Create(new ArsPatternBlock(1, ArsDirection.In)
            {
                MatchFrom = "sip:(81|0)([0-9]{9,})@",
                DeployTo = "5555",
                DeployFrom = "sip:0&f2@",
            }),
        });
        route.EffectiveCredentials.Should().Be(new TrunkCredentials("0501234567", "s3cret"));
    }

    [Fact]
    public void Alert_info_is_saved_on_in_and_copied_on_out()
    {
        var route = ArsTextReader.Parse(ArsTestData.Read("alert-info.txt")).Routes.Should().ContainSingle().Subject;

        route.InBlocks.Should().Equal(new ArsPatternBlock(1, ArsDirection.In)
        {
            MatchTo = "sip:(.+)@",
            Custom = EquatableArray.Create("&caller.alert-info=<http://127.0.0.1/Bellcore-dr2>"),
        });
        route.OutBlocks.Should().Equal(new ArsPatternBlock(1, ArsDirection.Out)
        {
            MatchTo = "sip:([0-9]{7,})@",
            DeployTo = "sip:&t1@itsp.example",
            Custom = EquatableArray.Create("Alert-Info=&caller.alert-info", "X-Route=alert-info"),
            Trunk = new TrunkConnection("itsp.example"),
        });
    }

    [Fact]
    public void Numbered_blocks_keep_their_numbers_and_unnumbered_ones_follow()
    {
        var route = ArsTextReader.Parse("""
            [Route r]
            Patterns - OUT 3
            Priority: 5
            Patterns - OUT
            Disabled: true
            """).Routes[0];

        route.OutBlocks.Select(b => (b.Number, b.Priority, b.Disabled)).Should().Equal((3, 5, false), (4, 100, true));
    }

    [Fact]
    public void Credentials_section_and_globals_are_read()
    {
        var definition = ArsTextReader.Parse("""
            &g1: itsp.example
            [Route trunk]
            Enabled: false
            &v1: 0312345678
            [Credentials]
            User: acct
            Password: pw with spaces
            Auth User: auth-acct
            Realm: itsp.example
            """);

        definition.GlobalVariables.Should().Equal(new ArsVariable("g1", "itsp.example"));
        var route = definition.Routes[0];
        route.Enabled.Should().BeFalse();
        route.Variables.Should().Equal(new ArsVariable("v1", "0312345678"));
        route.Credentials.Should().Be(new TrunkCredentials("acct", "pw with spaces", "auth-acct", "itsp.example"));
        route.Registration.Should().BeNull();
    }
}
