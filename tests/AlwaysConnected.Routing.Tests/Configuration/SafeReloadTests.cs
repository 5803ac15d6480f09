using System.Net;
using AlwaysConnected.Routing.Configuration;
using AlwaysConnected.Routing.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace AlwaysConnected.Routing.Tests.Configuration;

/// <summary>The reloads an operator's bad day produces: a renamed or emptied section, a double save, options edited.</summary>
public sealed class SafeReloadTests : IDisposable
{
    private readonly MutableConfigurationSource _source = new();
    private readonly FakeTimeProvider _time = new();
    private readonly LogCapture _log = new();
    private readonly ServiceProvider _provider;

    public SafeReloadTests()
    {
        _source.Provider.Replace(Rules("host-1.example.net"));
        var configuration = new ConfigurationBuilder().Add(_source).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(_time);
        services.AddLogging(b => b.AddProvider(_log).SetMinimumLevel(LogLevel.Debug));
        services.AddSipRouting().BindConfiguration("Routing");
        _provider = services.BuildServiceProvider();
        Router = _provider.GetRequiredService<SipRouter>();
    }

    private SipRouter Router { get; }

    public void Dispose()
    {
        _provider.Dispose();
        _log.Dispose();
    }

    [Fact]
    public void A_renamed_section_is_refused_with_a_warning_naming_the_cause_and_the_last_good_rules_keep_serving()
    {
        var renamed = Rules("host-2.example.net").ToDictionary(p => p.Key.Replace("Routing:", "Routin:", StringComparison.Ordinal), p => p.Value);

        Save(renamed);

        Router.Version.Should().Be(1);
        Target().Should().Be("host-1.example.net");
        _log.At(LogLevel.Warning).Should().ContainSingle(m => m.Contains("reload refused") && m.Contains("the section 'Routing' is missing") && m.Contains("version 1 keeps serving"));
    }

    [Fact]
    public void An_emptied_section_is_refused_unless_the_new_configuration_allows_no_rules()
    {
        Save(new() { ["Routing:LocalAddresses:0"] = "192.0.2.1" });

        Router.Version.Should().Be(1);
        Target().Should().Be("host-1.example.net");
        _log.At(LogLevel.Warning).Should().ContainSingle(m => m.Contains("the section 'Routing' has no dial plan rules and no ARS routes (emptied)"));

        Save(new() { ["Routing:AllowNoRules"] = "true" });

        Router.Version.Should().Be(2, "emptying the router on purpose is allowed");
        Router.Model.DialPlan.Rules.Should().BeEmpty();
    }

    [Fact]
    public void One_save_that_raises_two_change_events_is_one_version_and_an_identical_save_is_none()
    {
        _source.Provider.Replace(Rules("host-2.example.net"));
        _time.Advance(TimeSpan.FromMilliseconds(100));
        _source.Provider.Replace(Rules("host-2.example.net"));
        Router.Version.Should().Be(1, "the reload waits for the burst of events to end");
        _time.Advance(SipRouterConfigurationMonitor.ReloadDelay);

        Router.Version.Should().Be(2);
        Target().Should().Be("host-2.example.net");

        Save(Rules("host-2.example.net"));

        Router.Version.Should().Be(2, "the same rules and options are not a new version");
        _log.At(LogLevel.Information).Count(m => m.Contains("reloaded")).Should().Be(1);
    }

    [Fact]
    public void Pattern_timeout_and_local_addresses_follow_the_reload()
    {
        Router.Services.LocalAddresses.Should().BeEmpty();
        var rules = Rules("host-1.example.net");
        rules["Routing:DialPlan:PatternTimeoutMilliseconds"] = "75";
        rules["Routing:LocalAddresses:0"] = "192.0.2.10";

        Save(rules);

        Router.Version.Should().Be(2, "options alone are an effective change");
        Router.Services.LocalAddresses.Should().Equal(IPAddress.Parse("192.0.2.10"));
        var decision = new RoutingDecision();
        var index = new AlwaysConnected.Routing.Sip.SipMessageIndex();
        Router.Route(ParsedRequest.Parse(SeedMessages.MediaServerInvite(), index), new RoutingContext(new IPEndPoint(IPAddress.Parse("192.0.2.10"), 5060)), decision);
        decision.GetTargetString().Should().Be("host-1.example.net", "the rule needs $localhost, which the new local address satisfies");
        Router.Options.BacktrackingTimeout.Should().Be(TimeSpan.FromMilliseconds(75));
    }

    [Fact]
    public void Every_warning_is_logged_with_its_id_and_text()
    {
        var rules = Rules("host-2.example.net");
        rules["Routing:DialPlan:Preliminary:0:Name"] = "early";
        rules["Routing:DialPlan:Preliminary:0:Matching:0"] = "$request = ^INVITE";
        rules["Routing:DialPlan:Preliminary:0:Deploy:0"] = "$target = 192.0.2.99";

        Save(rules);

        Router.Version.Should().Be(2);
        _log.At(LogLevel.Warning).Should().Contain(m => m.Contains("warning DP0102") && m.Contains("'early'") && m.Contains("Routing rules version 2"));
    }

    private void Save(Dictionary<string, string?> data)
    {
        _source.Provider.Replace(data);
        _time.Advance(SipRouterConfigurationMonitor.ReloadDelay);
    }

    private string? Target()
    {
        var decision = new RoutingDecision();
        var index = new AlwaysConnected.Routing.Sip.SipMessageIndex();
        Router.Route(ParsedRequest.Parse(SeedMessages.MediaServerInvite(), index), SeedMessages.FromMediaServer, decision);
        return decision.GetTargetString();
    }

    private static Dictionary<string, string?> Rules(string target) => new()
    {
        ["Routing:DialPlan:Rules:0:Name"] = "to-host",
        ["Routing:DialPlan:Rules:0:Matching:0"] = "$request = ^INVITE",
        ["Routing:DialPlan:Rules:0:Matching:1"] = "$localhost = ^true",
        ["Routing:DialPlan:Rules:0:Deploy:0"] = $"$target = {target}",
    };
}
