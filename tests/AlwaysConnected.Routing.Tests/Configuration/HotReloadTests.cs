using System.Collections.Concurrent;
using AlwaysConnected.Routing.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AlwaysConnected.Routing.Tests.Configuration;

/// <summary>Rules changed in configuration while requests are routed: one version per decision, bad changes refused.</summary>
public class HotReloadTests
{
    private static Dictionary<string, string?> Rules(int revision, bool valid = true) => new()
    {
        ["Routing:DialPlan:Rules:0:Name"] = "route-all",
        ["Routing:DialPlan:Rules:0:Matching:0"] = valid ? "$request = ^INVITE" : "$request = ^(INVITE",
        ["Routing:DialPlan:Rules:0:Deploy:0"] = $"$target = host-{revision}.example.net",
    };

    private static (ServiceProvider Provider, MutableConfigurationSource Source) Start(Dictionary<string, string?> initial)
    {
        var source = new MutableConfigurationSource();
        source.Provider.Replace(initial);
        var configuration = new ConfigurationBuilder().Add(source).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSipRouting().BindConfiguration("Routing");
        services.AddSipRouting(); // A second registration is harmless.
        return (services.BuildServiceProvider(), source);
    }

    [Fact]
    public async Task Rules_changed_while_two_threads_route_are_applied_atomically_and_bad_changes_are_refused()
    {
        var (provider, source) = Start(Rules(0));
        using var _ = provider;
        var router = provider.GetRequiredService<SipRouter>();
        var versionToRevision = new ConcurrentDictionary<long, string>();
        var inconsistent = new ConcurrentBag<string>();
        var exceptions = new ConcurrentBag<Exception>();
        var bytes = SeedMessages.MediaServerInvite();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30)); // Bound in time whatever happens.
        var decisions = 0L;

        var routers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            var index = new AlwaysConnected.Routing.Sip.SipMessageIndex();
            var decision = new RoutingDecision();
            for (var i = 0; i < 5_000_000 && !stop.IsCancellationRequested; i++)
            {
                try
                {
                    AlwaysConnected.Routing.Sip.SipParser.TryParseDatagram(bytes, index, out var message);
                    router.Route(message, SeedMessages.FromMediaServer, decision);
                    var target = decision.GetTargetString()!;
                    var recorded = versionToRevision.GetOrAdd(decision.SnapshotVersion, target);
                    if (recorded != target)
                    {
                        inconsistent.Add($"version {decision.SnapshotVersion}: {recorded} and {target}");
                    }

                    Interlocked.Increment(ref decisions);
                }
                catch (Exception e)
                {
                    exceptions.Add(e);
                }
            }
        })).ToArray();

        // Reload only while both threads are routing.
        SpinWait.SpinUntil(() => Interlocked.Read(ref decisions) > 100, TimeSpan.FromSeconds(10)).Should().BeTrue();
        var rejected = 0;
        var attempts = 0;
        router.Reloaded += (_, _) => Interlocked.Increment(ref attempts);
        for (var revision = 1; revision <= 40; revision++)
        {
            var valid = revision % 4 != 0;
            var before = router.Version;
            var attemptsBefore = Volatile.Read(ref attempts);
            source.Provider.Replace(Rules(revision, valid));

            // The reload runs once the change notifications have settled (a short delay).
            SpinWait.SpinUntil(() => Volatile.Read(ref attempts) > attemptsBefore, TimeSpan.FromSeconds(10)).Should().BeTrue();
            if (valid)
            {
                router.Version.Should().Be(before + 1);
            }
            else
            {
                rejected++;
                router.Version.Should().Be(before, "an invalid change keeps the last good rules serving");
            }

            var seen = Interlocked.Read(ref decisions);
            SpinWait.SpinUntil(() => Interlocked.Read(ref decisions) > seen + 50, TimeSpan.FromSeconds(5));
        }

        stop.Cancel();
        await Task.WhenAll(routers).WaitAsync(TimeSpan.FromSeconds(30));
        exceptions.Should().BeEmpty();
        inconsistent.Should().BeEmpty("each decision comes from exactly one snapshot");
        rejected.Should().Be(10);
        Interlocked.Read(ref decisions).Should().BeGreaterThan(0);
        router.Version.Should().Be(31);
        var last = new RoutingDecision();
        var lastIndex = new AlwaysConnected.Routing.Sip.SipMessageIndex();
        router.Route(ParsedRequest.Parse(bytes, lastIndex), SeedMessages.FromMediaServer, last);
        last.GetTargetString().Should().Be("host-39.example.net", "revision 40 was invalid, so 39 is the last good one");
    }

    [Fact]
    public void An_invalid_configuration_at_start_fails_fast_with_rule_line_and_field()
    {
        var (provider, _) = Start(Rules(0, valid: false));
        using var _p = provider;

        var act = () => provider.GetRequiredService<SipRouter>();

        act.Should().Throw<Exception>().Where(e => e.Message.Contains("route-all") && e.Message.Contains("Matching line 1") && e.Message.Contains("pattern"));
    }

    [Fact]
    public void The_options_validator_reports_every_error_with_its_location()
    {
        var (provider, source) = Start(new Dictionary<string, string?>
        {
            ["Routing:DialPlan:Rules:0:Name"] = "first",
            ["Routing:DialPlan:Rules:0:Matching:0"] = "$nosuchfunction = ^x",
            ["Routing:DialPlan:Rules:1:Name"] = "second",
            ["Routing:DialPlan:Rules:1:Matching:0"] = "To = sip:(.+)@",
            ["Routing:DialPlan:Rules:1:Deploy:0"] = "To = sip:%2@example.net",
        });
        using var _ = provider;

        var act = () => provider.GetRequiredService<IOptions<AlwaysConnected.Routing.Configuration.SipRoutingOptions>>().Value;

        var failures = act.Should().Throw<OptionsValidationException>().Which.Failures.ToList();
        failures.Should().Contain(f => f.Contains("'first'") && f.Contains("nosuchfunction"));
        failures.Should().Contain(f => f.Contains("'second'") && f.Contains("Deploy line 1") && f.Contains("%2"));
    }
}
