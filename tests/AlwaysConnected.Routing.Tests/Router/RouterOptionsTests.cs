using System.Buffers;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Configuration;
using AlwaysConnected.Routing.DialPlan.Functions;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AlwaysConnected.Routing.Tests.Router;

/// <summary>The one settings object of the router, host functions by their parts, and failover policies by their text.</summary>
public class RouterOptionsTests
{
    private const string BacktrackingDialPlan = "[Rule echo]\n[Matching Patterns]\nTo = (a)\\1\n[Deploy Patterns]\n$target = gw.example\n";

    private const string BacktrackingArs = """
        [Route echo]
        Patterns - OUT
        [Matching Patterns]
        To: sip:(a)\1@
        [Deploy Patterns]
        Target: gw.example
        """;

    private static bool Gold(DialPlanFunctionContext context, IBufferWriter<byte> result)
    {
        result.Write(context.TryGetArgument(0, out var user) && user.SequenceEqual("1000"u8) ? "gold"u8 : "none"u8);
        return true;
    }

    [Fact]
    public void The_backtracking_timeout_applies_to_the_dial_plan_and_to_ars()
    {
        var router = new SipRouterBuilder()
            .AddDialPlanText(BacktrackingDialPlan)
            .AddArsText(BacktrackingArs)
            .WithOptions(new SipRouterOptions { BacktrackingTimeout = TimeSpan.FromMilliseconds(20) })
            .Build();

        router.Diagnostics.Where(d => d.Id is RoutingDiagnosticIds.BacktrackingPattern or RoutingDiagnosticIds.ArsBacktrackingPattern)
            .Select(d => (d.Id, TwentyMs: d.Message.Contains("20 ms", StringComparison.Ordinal)))
            .Should().BeEquivalentTo(new[] { (RoutingDiagnosticIds.BacktrackingPattern, true), (RoutingDiagnosticIds.ArsBacktrackingPattern, true) });
    }

    [Fact]
    public void Backtracking_turned_off_rejects_such_patterns_in_both_engines()
    {
        var build = () => new SipRouterBuilder()
            .AddDialPlanText(BacktrackingDialPlan)
            .AddArsText(BacktrackingArs)
            .WithOptions(new SipRouterOptions { AllowBacktracking = false })
            .Build();

        var errors = build.Should().Throw<RoutingConfigurationException>().Which.Diagnostics.Where(d => d.Severity == RoutingDiagnosticSeverity.Error).ToList();
        errors.Should().Contain(d => d.Rule == "echo" && d.Message.Contains("SipRouterOptions.AllowBacktracking", StringComparison.Ordinal));
        errors.Should().Contain(d => d.Route == "echo" && d.Message.Contains("SipRouterOptions.AllowBacktracking", StringComparison.Ordinal));
    }

    [Fact]
    public void A_setting_out_of_range_throws_where_it_is_set()
    {
        FluentActions.Invoking(() => new SipRouterOptions { BacktrackingTimeout = TimeSpan.Zero }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("BacktrackingTimeout");
        FluentActions.Invoking(() => new SipRouterOptions { MaxPatternLength = 0 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("MaxPatternLength");
        FluentActions.Invoking(() => new SipRouterOptions { AllBusyStatus = 200 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("AllBusyStatus");
        FluentActions.Invoking(() => new SipRouterOptions { UnregisteredUserStatus = 700 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("UnregisteredUserStatus");
        FluentActions.Invoking(() => new SipRouterOptions { TimeProvider = null! }).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new SipRouterOptions { UserVariables = null! }).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void The_all_busy_status_is_what_a_full_block_answers()
    {
        var router = new SipRouterBuilder()
            .AddArsText("""
                [Route full]
                Patterns - OUT
                Max Sessions: 0
                [Deploy Patterns]
                Target: gw.example
                """)
            .WithOptions(new SipRouterOptions { AllBusyStatus = 486 })
            .Build();
        var decision = new RoutingDecision();

        router.RouteOut(ParsedRequest.Parse(SeedMessages.MediaServerInvite(), new SipMessageIndex()), SeedMessages.FromMediaServer, decision).Should().BeFalse();

        (decision.Outcome, decision.StatusCode).Should().Be((RoutingOutcome.Reject, 486));
    }

    [Fact]
    public void A_function_is_added_by_name_argument_counts_and_body_and_checked_as_it_is_added()
    {
        var builder = new SipRouterBuilder();

        builder.Invoking(b => b.AddFunction("crm vip", 1, 1, Gold)).Should().Throw<ArgumentException>().WithMessage("*letters, digits*'crm vip'*");
        builder.Invoking(b => b.AddFunction("crm.vip", 2, 1, Gold)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("maxArguments");
        builder.Invoking(b => b.AddFunction("crm.vip", -1, 1, Gold)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("minArguments");
        builder.Invoking(b => b.AddFunction("crm.vip", 0, 9, Gold)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("maxArguments");
        builder.Invoking(b => b.AddFunction("crm.vip", 1, 1, null!)).Should().Throw<ArgumentNullException>().WithParameterName("body");

        var router = builder
            .AddFunction("crm.vip", 1, 1, Gold)
            .AddDialPlanText("[Rule tier]\n[Matching Patterns]\n$crm.vip($getSIPuser(To)) = ^gold$\n[Deploy Patterns]\n$target = vip.example\n")
            .Build();

        Route(router, "1000").Should().Be("vip.example");
        Route(router, "2000").Should().BeNull();
    }

    [Fact]
    public void A_function_added_through_dependency_injection_is_checked_the_same_and_called_by_the_rules()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        var routing = services.AddSipRouting();

        routing.Invoking(r => r.AddFunction("crm/vip", 1, 1, Gold)).Should().Throw<ArgumentException>();
        routing.Invoking(r => r.AddFunction("crm.vip", 3, 2, Gold)).Should().Throw<ArgumentOutOfRangeException>();

        routing.AddFunction("crm.vip", 1, 1, Gold).Configure(o =>
            o.DialPlanText = "[Rule tier]\n[Matching Patterns]\n$crm.vip($getSIPuser(To)) = ^gold$\n[Deploy Patterns]\n$target = vip.example\n");
        using var provider = services.BuildServiceProvider();

        Route(provider.GetRequiredService<SipRouter>(), "1000").Should().Be("vip.example");
    }

    [Fact]
    public void A_failover_policy_reads_and_writes_the_vendors_text()
    {
        var policy = FailoverPolicy.Parse("500-599, 408");

        (policy.FailsOver(503), policy.FailsOver(408), policy.FailsOver(404), policy.OnTimeout).Should().Be((true, true, false, true));
        policy.ToString().Should().Be("500-599,408");
        policy.Should().Be(FailoverPolicy.Parse("500-599,408")).And.NotBe(FailoverPolicy.Parse("408,500-599"));
        FailoverPolicy.Parse("503,no-timeout").Should().Match<FailoverPolicy>(p => !p.OnTimeout && p.ToString() == "503,no-timeout");
        FailoverPolicy.Parse("timeout").Should().Match<FailoverPolicy>(p => p.OnTimeout && !p.FailsOver(503));
        FailoverPolicy.Parse("500-599").Should().Be(FailoverPolicy.Default);

        FluentActions.Invoking(() => FailoverPolicy.Parse("500-700")).Should().Throw<FormatException>().WithMessage("*'500-700'*100-699*");
        FailoverPolicy.TryParse("5xx", out var bad).Should().BeFalse();
        bad.Should().BeNull();
        FailoverPolicy.TryParse(null, out _).Should().BeFalse();
    }

    [Fact]
    public void A_failover_policy_given_in_code_is_written_as_the_text_reads_it()
    {
        var model = new SipRouterBuilder()
            .AddRoute("carrier", route => route.Out(block => block.Trunk("gw.example", failover: FailoverPolicy.Parse("503,408,no-timeout"))))
            .BuildModel();

        model.Ars.ToText().Should().Contain("Failover: 503,408,no-timeout");
        ArsDefinition.Parse(model.Ars.ToText()).Should().Be(model.Ars);
    }

    private static string? Route(SipRouter router, string user)
    {
        var decision = new RoutingDecision();
        router.Route(ParsedRequest.Parse(SeedMessages.MediaServerInvite(user), new SipMessageIndex()), SeedMessages.FromMediaServer, decision);
        return decision.Outcome == RoutingOutcome.Forward ? decision.GetTargetString() : null;
    }
}
