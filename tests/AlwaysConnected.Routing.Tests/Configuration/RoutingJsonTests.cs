using System.Net;
using System.Text;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Configuration;
using AlwaysConnected.Routing.Presets;
using AlwaysConnected.Routing.Tests.Ars;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AlwaysConnected.Routing.Tests.Configuration;

/// <summary>
/// The <c>Routing</c> section is a file format the library both reads (<see cref="SipRoutingOptions.FromConfiguration"/>)
/// and writes (<see cref="RoutingModel.ToJson"/>): what it writes reads back as the same model.
/// </summary>
public class RoutingJsonTests
{
    private const string Registered = """
        [Route itsp]
        Enabled: true
        Inbound Source: registered-trunk
        [Registration]
        Register URI: sip:0312345678@itsp.example.net
        Proxy: 203.0.113.5:5070
        Expires: 600
        Update: 80
        User: 0312345678
        Password: secret
        [Credentials]
        User: trunk-user
        Password: trunk-secret
        Patterns - IN 1
        Priority: 5
        Max Sessions: 3
        [Matching Patterns]
        To: sip:(.+)@
        Plugin 1: sipheader
        Param 1: X-PBX-Param
        Return 1: ^pin$
        [Deploy Patterns]
        From: pin&f1
        Custom: &action.type=pin
        Patterns - IN 2
        Disabled: true
        [Matching Patterns]
        From: sip:anonymous@
        [Deploy Patterns]
        To: sip:100@
        Patterns - OUT 1
        [Matching Patterns]
        To: sip:([0-9]{10,20})@
        [Deploy Patterns]
        To: sip:&t1@itsp.example.net
        Target: itsp.example.net:5060;transport=udp
        Response Timeout: 4000
        Recovery Time: 60s
        Failover: 500-599,408,timeout
        """;

    private static string DialPlanFile(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "front-doors", name));

    private static SipRoutingOptions Read(string json)
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        return SipRoutingOptions.FromConfiguration(configuration.GetSection(SipRoutingOptions.DefaultSectionName));
    }

    private static RoutingModel RoundTrip(RoutingModel model, out string json)
    {
        json = model.ToJson();
        Read(json).TryCreateModel(out var reread, out var diagnostics).Should().BeTrue(string.Join("\n", diagnostics));
        return reread!;
    }

    [Fact]
    public void A_dial_plan_and_routes_the_arrays_can_say_are_written_as_arrays_and_read_back_equal()
    {
        var model = new SipRouterBuilder().AddDialPlanText(DialPlanFile("seed-dialplan.txt")).AddArsText(Registered).BuildModel();
        model.Ars.Routes[0].Registration.Should().NotBeNull("the route exercises every field of the schema");

        var reread = RoundTrip(model, out var json);

        reread.Should().Be(model);
        json.Should().Contain("\"Preliminary\": [").And.Contain("\"Registration\": {").And.Contain("\"Failover\": \"500-599,408\"")
            .And.NotContain("\"Text\"", "everything here fits the arrays");
        json.Should().NotContain("\r").And.StartWith("{\n  \"Routing\": {");
    }

    [Theory]
    [InlineData("template-resource.txt")]
    [InlineData("failover.txt")]
    [InlineData("rakuten-in.txt")]
    [InlineData("alert-info.txt")]
    public void Every_example_reads_back_equal_through_the_arrays_or_else_Ars_Text(string file)
    {
        var ars = ArsDefinition.Parse(ArsTestData.Read(file));
        var model = new RoutingModel(Routing.DialPlan.DialPlanDefinition.Empty, ars);

        var reread = RoundTrip(model, out var json);

        reread.Should().Be(model);
        if (RoutingJsonWriter.FitsConfigurationSchema(ars))
        {
            json.Should().NotContain("\"Text\"");
        }
        else
        {
            json.Should().Contain("\"Text\": ", "templates, variables or a recovery time below a second have no field in the arrays");
        }
    }

    [Fact]
    public void The_text_fallback_is_taken_for_a_template()
    {
        var ars = ArsDefinition.Parse(ArsTestData.Read("template-resource.txt"));
        ars.Templates.Should().NotBeEmpty();

        var json = new RoutingModel(Routing.DialPlan.DialPlanDefinition.Empty, ars).ToJson();

        json.Should().Contain("\"Routes\": []").And.Contain("\"Text\": ");
    }

    [Fact]
    public void Local_addresses_are_written_and_read_back()
    {
        var json = RoutingModel.Empty.ToJson([IPAddress.Parse("192.0.2.10"), IPAddress.Parse("2001:db8::1")]);

        Read(json).LocalAddresses.Should().Equal("192.0.2.10", "2001:db8::1");
        Read(RoutingModel.Empty.ToJson()).LocalAddresses.Should().BeEmpty();
    }

    [Fact]
    public void The_host_settings_are_read_from_where_the_file_keeps_them()
    {
        var options = Read("""
            { "Routing": {
                "AllowNoRules": true, "ValidateRequests": false, "LocalAddresses": [ "192.0.2.10" ],
                "DialPlan": { "EvaluateInDialogRequests": true, "PatternTimeoutMilliseconds": 20, "UserVariables": [ "billing.tag" ],
                              "Text": "[Rule r]\n[Matching Patterns]\n$request = ^INVITE\n[Deploy Patterns]\n$target = h" },
                "Ars": { "Text": "[Route a]\nPatterns - OUT 1\n[Matching Patterns]\nTo: sip:(.+)@\n[Deploy Patterns]\nTarget: h" } } }
            """);

        options.AllowNoRules.Should().BeTrue();
        options.ValidateRequests.Should().BeFalse();
        options.LocalAddresses.Should().Equal("192.0.2.10");
        options.EvaluateInDialogRequests.Should().BeTrue();
        options.PatternTimeoutMilliseconds.Should().Be(20);
        options.UserVariables.Should().Equal("billing.tag");
        options.DialPlanText.Should().StartWith("[Rule r]");
        options.ArsText.Should().StartWith("[Route a]");
        options.AlwaysConnected.Should().BeNull();
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_an_error_naming_its_path()
    {
        var act = () => Read("""{ "Routing": { "Ars": { "Routes": [ { "Name": "a", "Out": [ { "Priority": "high" } ] } ] } } }""");

        act.Should().Throw<InvalidOperationException>().WithMessage("*Routing:Ars:Routes:0:Out:0:Priority*");
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public void The_preset_is_used_when_its_section_says_Enabled(string enabled, bool used)
    {
        var options = Read($$"""
            { "Routing": { "AlwaysConnected": { "Enabled": {{enabled}}, "ItspDomain": "itsp.example.net", "Account": "0312345678", "MediaServerPort": 5070 } } }
            """);

        options.TryCreateModel(out var model, out var diagnostics).Should().BeTrue(string.Join("\n", diagnostics));
        if (used)
        {
            options.AlwaysConnected.Should().BeEquivalentTo(new AlwaysConnectedOptions { ItspDomain = "itsp.example.net", Account = "0312345678", MediaServerPort = 5070 });
            model!.DialPlan.Rules.Select(r => r.Name).Should().Contain("always-connected-itsp");
        }
        else
        {
            options.AlwaysConnected.Should().BeNull();
            model!.DialPlan.Preliminary.Should().BeEmpty();
            model.DialPlan.Rules.Should().BeEmpty();
        }
    }

    [Fact]
    public void A_host_gives_rules_as_text_and_the_preset_in_code()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSipRouting().Configure(o =>
        {
            o.DialPlanText = DialPlanFile("seed-dialplan.txt");
            o.ArsText = DialPlanFile("seed-ars.txt");
            o.AlwaysConnected = new AlwaysConnectedOptions { ItspDomain = "itsp.example.net", Account = "0312345678" };
            o.EvaluateInDialogRequests = true;
        });
        using var provider = services.BuildServiceProvider();

        var router = provider.GetRequiredService<SipRouter>();

        var expected = new SipRouterBuilder()
            .UseAlwaysConnected(o => { o.ItspDomain = "itsp.example.net"; o.Account = "0312345678"; })
            .AddDialPlanText(DialPlanFile("seed-dialplan.txt"))
            .AddArsText(DialPlanFile("seed-ars.txt"))
            .BuildModel();
        router.Model.Should().Be(expected);
    }
}
