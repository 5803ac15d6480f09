using System.Text;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Ars.Text;
using AlwaysConnected.Routing.Configuration;
using Microsoft.Extensions.Configuration;

namespace AlwaysConnected.Routing.Tests.Ars;

/// <summary>A route that accepts inbound calls only from its registered trunk, written in text, JSON and the builder, is one model.</summary>
public class InboundSourceFrontDoorTests
{
    private const string Text = """
        [Route itsp]
        Inbound Source: registered-trunk
        [Registration]
        Register URI: sip:acct@itsp.example
        Proxy: 203.0.113.5:5070
        Patterns - IN 1
        [Matching Patterns]
        To: sip:([0-9]+)@
        [Deploy Patterns]
        To: sip:100@
        """;

    [Fact]
    public void Text_json_and_builder_give_the_same_route()
    {
        var fromText = new SipRouterBuilder().AddArsText(Text).BuildModel();
        var fromJson = FromJson(Route("\"InboundSource\": \"RegisteredTrunk\", \"Registration\": { \"RegisterUri\": \"sip:acct@itsp.example\", \"Proxy\": \"203.0.113.5:5070\" },"), out var diagnostics);
        var fromBuilder = new SipRouterBuilder()
            .AddRoute("itsp", route => route
                .InboundSource(ArsInboundSource.RegisteredTrunk)
                .Registration("sip:acct@itsp.example", "203.0.113.5:5070")
                .In(block => block.MatchTo("sip:([0-9]+)@").DeployTo("sip:100@")))
            .BuildModel();

        diagnostics.Should().BeEmpty();
        fromText.Ars.Routes[0].InboundSource.Should().Be(ArsInboundSource.RegisteredTrunk);
        fromJson.Should().Be(fromText);
        fromBuilder.Should().Be(fromText);
    }

    [Fact]
    public void A_route_accepts_any_source_unless_told_otherwise_and_the_writer_then_adds_nothing()
    {
        var definition = ArsTextReader.Parse(Text.Replace("Inbound Source: registered-trunk\n", "", StringComparison.Ordinal));

        definition.Routes[0].InboundSource.Should().Be(ArsInboundSource.Any);
        ArsTextWriter.Write(definition).Should().NotContain("Inbound Source");
    }

    [Fact]
    public void The_text_field_round_trips_and_reads_every_spelling()
    {
        var definition = ArsTextReader.Parse(Text);

        var written = ArsTextWriter.Write(definition);

        written.Should().Contain("Enabled: true\nInbound Source: registered-trunk\n[Registration]\n");
        ArsTextReader.Parse(written).Should().Be(definition);
        foreach (var spelling in new[] { "Registered Trunk", "RegisteredTrunk", "REGISTERED-TRUNK" })
        {
            ArsTextReader.Parse(Text.Replace("registered-trunk", spelling, StringComparison.Ordinal)).Should().Be(definition);
        }

        ArsTextReader.Parse(Text.Replace("registered-trunk", "any", StringComparison.Ordinal)).Routes[0].InboundSource.Should().Be(ArsInboundSource.Any);
    }

    [Fact]
    public void A_template_passes_the_setting_to_every_route_it_generates_and_round_trips()
    {
        var definition = ArsTextReader.Parse("""
            [Template itsp]
            Inbound Source: registered-trunk
            [Registration]
            Register URI: sip:&v1@itsp.example
            [Row 1]
            &v1: acct1
            [Row 2]
            &v1: acct2
            Patterns - IN 1
            [Matching Patterns]
            To: sip:([0-9]+)@
            """);

        definition.GetEffectiveRoutes().Should().HaveCount(2).And.OnlyContain(r => r.InboundSource == ArsInboundSource.RegisteredTrunk);
        ArsTextReader.Parse(ArsTextWriter.Write(definition)).Should().Be(definition);
    }

    [Fact]
    public void An_unknown_text_value_is_a_located_error()
    {
        ArsTextReader.TryParse(Text.Replace("registered-trunk", "carrier", StringComparison.Ordinal), out var definition, out var diagnostics).Should().BeFalse();

        definition.Should().BeNull();
        var error = diagnostics.Should().ContainSingle().Subject;
        error.Id.Should().Be(RoutingDiagnosticIds.ArsTextInvalidValue);
        error.TextLine.Should().Be(2);
        error.Field.Should().Be("Inbound Source");
        error.Message.Should().Contain("'carrier' is not any or registered-trunk");
    }

    [Fact]
    public void An_unknown_json_value_is_an_error_naming_the_route_and_the_path()
    {
        FromJson(Route("\"InboundSource\": \"Carrier\", \"Registration\": { \"RegisterUri\": \"sip:acct@itsp.example\" },"), out var diagnostics).Should().BeNull();

        var error = diagnostics.Should().ContainSingle().Subject;
        error.Id.Should().Be(RoutingDiagnosticIds.InvalidConfiguration);
        error.Section.Should().EndWith("Ars:Routes:0:InboundSource");
        error.Message.Should().Contain("'itsp'").And.Contain("'Carrier' is not Any or RegisteredTrunk");
    }

    [Fact]
    public void Json_asking_for_the_registered_trunk_without_a_Registration_fails_validation()
    {
        var options = Options(Route("\"InboundSource\": \"RegisteredTrunk\","));

        var result = new SipRoutingOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue();
        result.Failures.Should().ContainSingle().Which.Should().Contain("ARS0005").And.Contain("route 'itsp'").And.Contain("no Registration");
    }

    [Fact]
    public void The_builder_reports_the_missing_Registration_when_it_builds()
    {
        var build = () => new SipRouterBuilder()
            .AddRoute("itsp", route => route
                .InboundSource(ArsInboundSource.RegisteredTrunk)
                .In(block => block.MatchTo("sip:([0-9]+)@")))
            .Build();

        build.Should().Throw<RoutingConfigurationException>()
            .Which.Diagnostics.Should().Contain(d => d.Id == RoutingDiagnosticIds.ArsInboundSourceWithoutRegistration && d.Route == "itsp");
    }

    [Fact]
    public void The_model_refuses_an_undefined_value()
    {
        var act = () => new ArsRoute("itsp") { InboundSource = (ArsInboundSource)7 };

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("InboundSource");
    }

    private static string Route(string fields) => $$"""
        { "Routing": { "Ars": { "Routes": [ {
            "Name": "itsp", {{fields}}
            "In": [ { "To": "sip:([0-9]+)@", "DeployTo": "sip:100@" } ] } ] } } }
        """;

    private static SipRoutingOptions Options(string json) =>
        SipRoutingOptions.FromConfiguration(new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build().GetSection("Routing"));

    private static RoutingModel? FromJson(string json, out IReadOnlyList<RoutingDiagnostic> diagnostics)
    {
        SipRoutingOptionsMapper.TryMap(Options(json), out var model, out diagnostics);
        return model;
    }
}
