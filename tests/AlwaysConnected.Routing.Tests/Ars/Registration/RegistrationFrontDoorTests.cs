using System.Text;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Configuration;
using Microsoft.Extensions.Configuration;

namespace AlwaysConnected.Routing.Tests.Ars.Registration;

/// <summary>A route's registration written in text notation, JSON configuration and the builder is one model.</summary>
public class RegistrationFrontDoorTests
{
    private const string Text = """
        [Route itsp]
        [Registration]
        Register URI: sip:acct@itsp.example
        Proxy: 203.0.113.5:5070
        Expires: 600
        Update: 80
        User: acct
        Password: secret
        Patterns - OUT 1
        [Matching Patterns]
        To: sip:([0-9]+)@
        [Deploy Patterns]
        Target: itsp.example:5060
        """;

    private const string Json = """
        { "Routing": { "Ars": { "Routes": [ {
            "Name": "itsp",
            "Registration": { "RegisterUri": "sip:acct@itsp.example", "Proxy": "203.0.113.5:5070", "ExpirySeconds": 600, "UpdatePercent": 80, "User": "acct", "Password": "secret" },
            "Out": [ { "To": "sip:([0-9]+)@", "Target": "itsp.example:5060" } ] } ] } } }
        """;

    [Fact]
    public void Text_json_and_builder_give_the_same_registration()
    {
        var fromText = new SipRouterBuilder().AddArsText(Text).BuildModel();
        var fromJson = FromJson(Json, out var diagnostics);
        var fromBuilder = new SipRouterBuilder()
            .AddRoute("itsp", route => route
                .Registration("sip:acct@itsp.example", "203.0.113.5:5070", 600, 80, "acct", "secret")
                .Out(block => block.MatchTo("sip:([0-9]+)@").Trunk("itsp.example:5060")))
            .BuildModel();

        diagnostics.Should().BeEmpty();
        fromText.Ars.Routes[0].Registration.Should().Be(new RouteRegistration("sip:acct@itsp.example", "203.0.113.5:5070", 600, 80, "acct", "secret"));
        fromJson.Should().Be(fromText);
        fromBuilder.Should().Be(fromText);
    }

    [Fact]
    public void Json_registration_without_a_Register_URI_or_with_a_bad_percentage_is_an_error_naming_the_route()
    {
        FromJson("""{ "Routing": { "Ars": { "Routes": [ { "Name": "itsp", "Registration": { "User": "acct" } } ] } } }""", out var missing).Should().BeNull();
        missing.Should().Contain(d => d.Message.Contains("RegisterUri", StringComparison.Ordinal) && d.ToString().Contains("itsp", StringComparison.Ordinal));

        FromJson("""{ "Routing": { "Ars": { "Routes": [ { "Name": "itsp", "Registration": { "RegisterUri": "sip:a@b", "UpdatePercent": 150 } } ] } } }""", out var percent).Should().BeNull();
        percent.Should().Contain(d => d.Message.Contains("UpdatePercent", StringComparison.Ordinal));
    }

    private static RoutingModel? FromJson(string json, out IReadOnlyList<RoutingDiagnostic> diagnostics)
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var options = SipRoutingOptions.FromConfiguration(configuration.GetSection("Routing"));
        SipRoutingOptionsMapper.TryMap(options, out var model, out diagnostics);
        return model;
    }
}
