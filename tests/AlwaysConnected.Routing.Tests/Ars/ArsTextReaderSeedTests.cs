using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Ars.Text;
using AlwaysConnected.Routing.Collections;

namespace AlwaysConnected.Routing.Tests.Ars;

public class ArsTextReaderSeedTests
{
    [Fact]
    public void Seed_one_line_routes_parse_to_the_expected_models()
    {
        var ok = ArsTextReader.TryParse(ArsTestData.Read("seed-always-connected.txt"), out var definition, out var diagnostics);

        ok.Should().BeTrue(string.Join("\n", diagnostics));
        var expectedIn = new ArsRoute("route-1")
        {
            InBlocks = EquatableArray.Create(new ArsPatternBlock(1, ArsDirection.In)
            {
                MatchTo = "sip:(.+)@",
                Plugins = EquatableArray.Create(new PluginSlot(1, "sipheader", "X-PBX-Param", "^pin$")),
                DeployFrom = "pin&f1",
                Custom = EquatableArray.Create("&action.type=pin"),
            }),
        };
        var expectedOut = new ArsRoute("route-2")
        {
            OutBlocks = EquatableArray.Create(new ArsPatternBlock(1, ArsDirection.Out)
            {
                MatchTo = "sip:([0-9]{10,20})@",
                Plugins = EquatableArray.Create(new PluginSlot(1, "prop", "action.type", "^pin$")),
            }),
        };
        definition!.Routes.Should().Equal(expectedIn, expectedOut);
        definition.Routes[0].InBlocks[0].Priority.Should().Be(100);
        definition.Routes[0].InBlocks[0].MaxSessions.Should().Be(-1);
    }

    [Fact]
    public void Seed_placeholder_is_a_warning_that_points_at_the_out_block()
    {
        ArsTextReader.TryParse(ArsTestData.Read("seed-always-connected.txt"), out _, out var diagnostics);

        var warning = diagnostics.Should().ContainSingle().Subject;
        warning.Severity.Should().Be(RoutingDiagnosticSeverity.Warning);
        warning.TextLine.Should().Be(3);
        warning.TextColumn.Should().Be("Patterns - OUT [Matching Patterns] To: sip:([0-9]{10,20})@ Plugin 1: prop Param 1: action.type Return 1: ^pin$ [Deploy Patterns] ".Length + 1);
        warning.Route.Should().Be("route-2");
        warning.Section.Should().Be("OUT 1");
        warning.Message.Should().Contain("fill in the trunk connection");
    }

    [Fact]
    public void One_line_form_and_block_form_give_the_same_model()
    {
        const string blockForm = """
            Patterns - IN
            [Matching Patterns]
            To: sip:(.+)@
            Plugin 1: sipheader
            Param 1: X-PBX-Param
            Return 1: ^pin$
            [Deploy Patterns]
            From: pin&f1
            Custom: &action.type=pin
            """;
        const string oneLine = "Patterns - IN [Matching Patterns] To: sip:(.+)@ Plugin 1: sipheader Param 1: X-PBX-Param Return 1: ^pin$ [Deploy Patterns] From: pin&f1 Custom: &action.type=pin";

        ArsTextReader.Parse(blockForm).Should().Be(ArsTextReader.Parse(oneLine));
    }

    [Fact]
    public void Block_form_values_keep_text_that_looks_like_a_label()
    {
        var definition = ArsTextReader.Parse("""
            [Route r]
            Patterns - OUT
            [Deploy Patterns]
            Custom: Subject=Re: To: you
            """);

        definition.Routes[0].OutBlocks[0].Custom.Should().Equal("Subject=Re: To: you");
    }
}
