using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Ars.Text;
using AlwaysConnected.Routing.Configuration;
using AlwaysConnected.Routing.DialPlan.Text;
using Microsoft.Extensions.Configuration;
using static AlwaysConnected.Routing.Tests.Cli.CliRun;

namespace AlwaysConnected.Routing.Tests.Cli;

/// <summary><c>sip-route convert</c>: text notation to JSON configuration and back, without loss.</summary>
public sealed class CliConvertTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sip-route-convert-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Text_to_json_maps_back_through_the_configuration_binder_to_the_same_model()
    {
        var json = Path.Combine(_dir, "routing.json");

        var run = Of("convert", "--dialplan", DataPath("seed-case2.dialplan.txt"), "--ars", DataPath("seed.ars.txt"), "--out", json);

        run.ExitCode.Should().Be(0);
        var original = new RoutingModel(
            DialPlanTextReader.Parse(File.ReadAllText(DataPath("seed-case2.dialplan.txt"))),
            ArsTextReader.Parse(File.ReadAllText(DataPath("seed.ars.txt"))));
        BindAndMap(json).Should().Be(original);
    }

    [Fact]
    public void Json_to_text_and_back_to_json_round_trips()
    {
        var json = Path.Combine(_dir, "routing.json");
        var dialPlan = Path.Combine(_dir, "dialplan.txt");
        var ars = Path.Combine(_dir, "ars.txt");
        var again = Path.Combine(_dir, "again.json");
        Of("convert", "--dialplan", DataPath("seed-case1.dialplan.txt"), "--ars", DataPath("seed.ars.txt"), "--out", json).ExitCode.Should().Be(0);

        Of("convert", json, "--dialplan-out", dialPlan, "--ars-out", ars).ExitCode.Should().Be(0);
        Of("convert", "--dialplan", dialPlan, "--ars", ars, "--out", again).ExitCode.Should().Be(0);

        File.ReadAllText(again).Should().Be(File.ReadAllText(json));
        DialPlanTextReader.Parse(File.ReadAllText(dialPlan)).Should().Be(DialPlanTextReader.Parse(File.ReadAllText(DataPath("seed-case1.dialplan.txt"))));
    }

    [Fact]
    public void A_dial_plan_alone_converts_to_text_on_stdout()
    {
        var json = Path.Combine(_dir, "routing.json");
        Of("convert", DataPath("seed-case1.dialplan.txt"), "--out", json).ExitCode.Should().Be(0);

        var run = Of("convert", json);

        run.ExitCode.Should().Be(0);
        DialPlanTextReader.Parse(run.Stdout).Should().Be(DialPlanTextReader.Parse(File.ReadAllText(DataPath("seed-case1.dialplan.txt"))));
    }

    [Fact]
    public void Ars_features_the_configuration_arrays_cannot_hold_are_kept_as_text()
    {
        var source = """
            &g1: itsp.example
            [Route ITSP_A]
            Enabled: true
            Inbound Source: registered-trunk
            &v1: 0312345678
            [Registration]
            Register URI: sip:acct@itsp.example
            User: acct
            Password: secret
            Patterns - OUT 1
            Priority: 5
            [Matching Patterns]
            To: sip:([0-9]+)@
            [Deploy Patterns]
            To: sip:&t1@&g1
            Target: itsp.example:5060
            Failover: 500-599,408,no-timeout
            """;
        var arsFile = Path.Combine(_dir, "ars.txt");
        var json = Path.Combine(_dir, "routing.json");
        File.WriteAllText(arsFile, source);

        Of("convert", "--ars", arsFile, "--out", json).ExitCode.Should().Be(0);

        BindAndMap(json).Ars.Should().Be(ArsTextReader.Parse(source));
    }

    [Fact]
    public void Trunk_settings_round_trip_through_the_configuration_arrays()
    {
        var source = """
            [Route trunk]
            [Credentials]
            User: acct
            Password: secret
            Patterns - OUT 1
            Priority: 5
            Max Sessions: 10
            [Matching Patterns]
            To: sip:([0-9]+)@
            Plugin 1: prop
            Param 1: action.type
            Return 1: ^pin$
            [Deploy Patterns]
            To: sip:&t1@itsp.example
            Custom: X-Account=acct
            Target: itsp.example:5060;transport=tcp
            Response Timeout: 4000
            Recovery Time: 120
            Failover: 500-599,408
            """;
        var arsFile = Path.Combine(_dir, "ars.txt");
        var json = Path.Combine(_dir, "routing.json");
        File.WriteAllText(arsFile, source);

        Of("convert", "--ars", arsFile, "--out", json).ExitCode.Should().Be(0);

        File.ReadAllText(json).Should().Contain("\"Target\": \"itsp.example:5060;transport=tcp\"").And.NotContain("\"Text\"");
        BindAndMap(json).Ars.Should().Be(ArsTextReader.Parse(source));
    }

    [Fact]
    public void A_route_taking_inbound_calls_only_from_its_registered_trunk_round_trips_through_the_configuration_arrays()
    {
        var source = """
            [Route itsp]
            Inbound Source: registered-trunk
            [Registration]
            Register URI: sip:acct@itsp.example
            Proxy: 203.0.113.5
            Patterns - IN 1
            [Matching Patterns]
            To: sip:([0-9]+)@
            [Deploy Patterns]
            To: sip:100@
            """;
        var arsFile = Path.Combine(_dir, "ars.txt");
        var json = Path.Combine(_dir, "routing.json");
        File.WriteAllText(arsFile, source);

        Of("convert", "--ars", arsFile, "--out", json).ExitCode.Should().Be(0);

        File.ReadAllText(json).Should().Contain("\"InboundSource\": \"RegisteredTrunk\"").And.NotContain("\"Text\"");
        BindAndMap(json).Ars.Should().Be(ArsTextReader.Parse(source));
    }

    [Fact]
    public void Several_ars_files_are_combined_templates_and_global_variables_included()
    {
        var first = Path.Combine(_dir, "first.ars.txt");
        var second = Path.Combine(_dir, "second.ars.txt");
        File.WriteAllText(first, "&g1: itsp.example\n[Route direct]\nPatterns - OUT 1\n[Deploy Patterns]\nTo: sip:x@&g1\n");
        File.WriteAllText(second, "[Template outbound]\n[Row 1]\n&v1: 7\nPatterns - OUT 1\nPriority: &v1\n[Deploy Patterns]\nTo: sip:y@&g1\n");

        var run = Of("convert", "--ars", first, "--ars", second, "--to", "text");

        run.ExitCode.Should().Be(0, run.Stderr);
        ArsTextReader.Parse(run.Stdout).Should().Be(ArsDefinition.Combine(
            ArsTextReader.Parse(File.ReadAllText(first)),
            ArsTextReader.Parse(File.ReadAllText(second))));
        run.Stdout.Should().Contain("&g1: itsp.example").And.Contain("[Route direct]").And.Contain("[Template outbound]").And.Contain("Priority: &v1");
    }

    [Fact]
    public void Route_templates_go_to_json_as_text_and_come_back_equal()
    {
        var arsFile = Path.Combine(_dir, "template.ars.txt");
        var json = Path.Combine(_dir, "routing.json");
        File.WriteAllText(arsFile, "[Template outbound]\n[Row 1]\n&v1: 7\nPatterns - OUT 1\nPriority: &v1\n[Deploy Patterns]\nTo: sip:y@itsp.example\n");

        Of("convert", "--ars", arsFile, "--out", json).ExitCode.Should().Be(0);

        File.ReadAllText(json).Should().Contain("\"Text\"").And.Contain("[Template outbound]");
        BindAndMap(json).Ars.Should().Be(ArsTextReader.Parse(File.ReadAllText(arsFile)));
    }

    [Fact]
    public void A_route_name_in_two_ars_files_is_an_error_naming_both_files()
    {
        var first = Path.Combine(_dir, "first.ars.txt");
        var second = Path.Combine(_dir, "second.ars.txt");
        File.WriteAllText(first, "&g1: a\n[Route direct]\nPatterns - IN 1\n");
        File.WriteAllText(second, "&g1: a\n[Template direct]\n[Row 1]\n&v1: 1\nPatterns - IN 1\n");

        var run = Of("convert", "--ars", first, "--ars", second, "--to", "text");

        run.ExitCode.Should().Be(2);
        run.Stdout.Should().BeEmpty();
        run.Stderr.Should().Contain($"{second}: error CFG0002: route 'direct', also in {first}: Route name 'direct' is used twice.")
            .And.Contain($"{second}: error CFG0002: also in {first}, &g1: &g1 is given twice.");
    }

    [Fact]
    public void Both_kinds_to_stdout_is_refused_and_bad_input_exits_2()
    {
        var json = Path.Combine(_dir, "routing.json");
        Of("convert", "--dialplan", DataPath("seed-case2.dialplan.txt"), "--ars", DataPath("seed.ars.txt"), "--out", json).ExitCode.Should().Be(0);

        Of("convert", json).ExitCode.Should().Be(2);
        Of("convert", DataPath("syntax-error.dialplan.txt")).ExitCode.Should().Be(2);
        Of("convert", "--to", "yaml", DataPath("seed-case1.dialplan.txt")).ExitCode.Should().Be(2);
        Of("convert").ExitCode.Should().Be(2);
    }

    private static RoutingModel BindAndMap(string jsonPath)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(jsonPath).Build();
        var options = SipRoutingOptions.FromConfiguration(configuration.GetSection(SipRoutingOptions.DefaultSectionName));
        options.TryCreateModel(out var model, out var diagnostics).Should().BeTrue(string.Join("\n", diagnostics));
        return model!;
    }
}
