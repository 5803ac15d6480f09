using AlwaysConnected.Routing.Configuration;
using AlwaysConnected.Routing.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static AlwaysConnected.Routing.Tests.Cli.CliRun;

namespace AlwaysConnected.Routing.Tests.DialPlan;

/// <summary>Names a small edit away from a known one: a typo is reported with the name meant, wherever diagnostics appear.</summary>
public class NearMissNameTests
{
    private const string Taget = """
        [Rule to-core]
        [Matching Patterns]
        $request = ^INVITE
        [Deploy Patterns]
        $taget = 10.0.0.5
        """;

    [Fact]
    public void A_handling_variable_typo_is_a_warning_that_names_the_variable_meant()
    {
        var router = new SipRouterBuilder().AddDialPlanText(Taget).Build();

        router.Diagnostics.Should().ContainSingle(d => d.Id == RoutingDiagnosticIds.NearMissName).Which.Should().Match<RoutingDiagnostic>(d =>
            d.Severity == RoutingDiagnosticSeverity.Warning
            && d.Location.Contains("rule 'to-core', Deploy line 1")
            && d.Message.Contains("'$taget' is not a known handling variable. Did you mean '$target'?"));
    }

    [Theory]
    [InlineData("$reqest = ^INVITE", "Unknown function $reqest. Did you mean $request?")]
    [InlineData("$geturl(To) = sip:", "Unknown function $geturl. Did you mean $geturi?")]
    public void A_function_typo_is_an_error_that_names_the_function_meant(string line, string expected)
    {
        var act = () => new SipRouterBuilder().AddDialPlanText($"""
            [Rule r]
            [Matching Patterns]
            {line}
            [Deploy Patterns]
            $target = 10.0.0.5
            """).Build();

        act.Should().Throw<RoutingConfigurationException>().Which.Diagnostics.Should().Contain(d => d.Message.Contains(expected));
    }

    [Fact]
    public void A_declared_user_variable_is_not_reported_and_unrelated_names_never_are()
    {
        var model = new SipRouterBuilder().AddDialPlanText(Taget).Build().Model;
        var options = new SipRouterOptions { UserVariables = new HashSet<string>(["TAGET"], StringComparer.OrdinalIgnoreCase) };

        new SipRouter(model, options).Diagnostics.Should().NotContain(d => d.Id == RoutingDiagnosticIds.NearMissName);

        var unrelated = new SipRouterBuilder().AddDialPlanText(Taget.Replace("$taget", "$billing.account", StringComparison.Ordinal)).Build();
        unrelated.Diagnostics.Should().NotContain(d => d.Id == RoutingDiagnosticIds.NearMissName);
    }

    [Fact]
    public void The_warning_is_logged_at_load_with_its_text_and_configuration_can_declare_the_variable()
    {
        var log = new LogCapture();
        var data = new Dictionary<string, string?>
        {
            ["Routing:DialPlan:Rules:0:Name"] = "to-core",
            ["Routing:DialPlan:Rules:0:Matching:0"] = "$request = ^INVITE",
            ["Routing:DialPlan:Rules:0:Deploy:0"] = "$taget = 10.0.0.5",
        };
        using (var provider = Start(data, log))
        {
            provider.GetRequiredService<SipRouter>();
        }

        log.At(LogLevel.Warning).Should().ContainSingle(m => m.Contains("warning DP0103") && m.Contains("Did you mean '$target'?"));

        var declared = new LogCapture();
        data["Routing:DialPlan:UserVariables:0"] = "taget";
        using (var provider = Start(data, declared))
        {
            provider.GetRequiredService<SipRouter>().Diagnostics.Should().NotContain(d => d.Id == RoutingDiagnosticIds.NearMissName);
        }

        declared.At(LogLevel.Warning).Should().BeEmpty();
    }

    [Fact]
    public void Validate_prints_the_warning_with_its_file_rule_and_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sip-route-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, Taget);
        try
        {
            var run = Of("validate", path);
            run.ExitCode.Should().Be(0, "a warning is not an error");
            run.Stdout.Should().Contain("warning DP0103: rule 'to-core', Deploy line 1, name: '$taget' is not a known handling variable. Did you mean '$target'?");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static ServiceProvider Start(Dictionary<string, string?> data, LogCapture log)
    {
        var source = new MutableConfigurationSource();
        source.Provider.Replace(data);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Add(source).Build());
        services.AddLogging(b => b.AddProvider(log));
        services.AddSipRouting().BindConfiguration(SipRoutingOptions.DefaultSectionName);
        return services.BuildServiceProvider();
    }
}
