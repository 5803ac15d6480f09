using System.Buffers;
using System.Diagnostics;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Ars.Compilation;
using AlwaysConnected.Routing.Ars.Evaluation;
using AlwaysConnected.Routing.Ars.Plugins;
using AlwaysConnected.Routing.Ars.Text;
using AlwaysConnected.Routing.Collections;
using AlwaysConnected.Routing.Tests.Support;

namespace AlwaysConnected.Routing.Tests.Ars.Engine;

/// <summary>Bad routes, failing plug-ins and concurrent leases.</summary>
public class RobustnessTests
{
    private static byte[] Call(string number) =>
        ArsHarness.Invite($"sip:{number}@pbx.local", $"<sip:{number}@pbx.local>", "<sip:300@pbx.local>;tag=1");

    [Fact]
    public void Every_route_error_is_reported_with_route_direction_block_and_field()
    {
        var definition = ArsTextReader.Parse("""
            [Route broken]
            Patterns - OUT 2
            [Matching Patterns]
            To: sip:([0-9]+@
            Plugin 1: nosuchplugin
            Param 1: x
            Return 1: a{2,1}
            [Deploy Patterns]
            Target: itsp.example.com:notaport
            """);

        var act = () => ArsCompiler.Compile(definition);

        var exception = act.Should().Throw<RoutingConfigurationException>().Which;
        var errors = exception.Diagnostics.Where(d => d.Severity == RoutingDiagnosticSeverity.Error).ToList();
        errors.Select(e => (e.Id, e.Field)).Should().BeEquivalentTo(new[]
        {
            (RoutingDiagnosticIds.ArsInvalidPattern, "To"),
            (RoutingDiagnosticIds.ArsInvalidPattern, "Return 1"),
            (RoutingDiagnosticIds.ArsUnknownPlugin, "Plugin 1"),
            (RoutingDiagnosticIds.ArsInvalidTarget, "Target"),
        });
        errors.Should().OnlyContain(e => e.Route == "broken" && e.Section == "OUT 2");
        exception.Message.Should().Contain("route 'broken', OUT 2, To").And.Contain("nosuchplugin");
    }

    [Fact]
    public void Undefined_variables_and_missing_groups_are_warnings_that_expand_to_nothing()
    {
        var ars = ArsCompiler.Compile(ArsTextReader.Parse("""
            [Route r]
            Patterns - OUT
            [Matching Patterns]
            To: sip:(1[0-9]+)@
            [Deploy Patterns]
            To: sip:&t1&t2&v7@gw.example
            """));

        ars.Diagnostics.Select(d => d.Id).Should().BeEquivalentTo(new[] { RoutingDiagnosticIds.ArsMissingGroup, RoutingDiagnosticIds.ArsUndefinedVariable });
        var decision = new RoutingDecision();
        ArsHarness.Route(ars, ArsDirection.Out, Call("1234"), null, decision).Should().BeTrue();
        decision.GetRequestUriString().Should().Be("sip:1234@gw.example");
    }

    [Fact]
    public void A_plugin_that_throws_is_logged_with_route_and_slot_and_the_next_block_is_used()
    {
        var log = new PluginFailureLog();
        var router = Router(new ArsPluginRegistry().Register(new ThrowingPlugin()), log, """
            [Route risky]
            Patterns - OUT
            Priority: 1
            [Matching Patterns]
            Plugin 1: boom
            [Deploy Patterns]
            Target: a.example
            [Route safe]
            Patterns - OUT
            Priority: 2
            [Deploy Patterns]
            Target: b.example
            """);
        var decision = new RoutingDecision();

        router.RouteOut(Parse(Call("1")), ArsHarness.Context(null), decision).Should().BeTrue();

        decision.GetTargetString().Should().Be("b.example");
        var failure = log.Failures.Should().ContainSingle().Subject;
        (failure.RouteName, failure.Direction, failure.BlockNumber, failure.Slot, failure.PluginName, failure.Kind)
            .Should().Be(("risky", ArsDirection.Out, 1, 1, "boom", ArsPluginFailureKind.Threw));
        failure.Level.Should().Be(Microsoft.Extensions.Logging.LogLevel.Warning);
        failure.Message.Should().Be("ARS plug-in 'boom' threw in route risky, OUT block 1, slot 1; the slot counted as a mismatch");
        failure.Exception.Should().BeOfType<InvalidOperationException>();

        var trace = router.ExplainOut(Parse(Call("1")), ArsHarness.Context(null), new RoutingDecision());
        var slot = trace.Candidates[0].Conditions.Should().ContainSingle().Subject;
        slot.Should().BeEquivalentTo(new { Name = "Plugin 1 (boom)", Value = (string?)null, Matched = false });
        slot.Note.Should().Contain("the lookup service is down", "the explanation says why the slot gave no result");
        trace.Selected!.Name.Should().Be("safe OUT 1");
    }

    [Fact]
    public void A_hanging_async_plugin_times_out_as_a_mismatch()
    {
        var log = new PluginFailureLog();
        var router = Router(new ArsPluginRegistry().Register(new LookupPlugin("hang", Timeout.InfiniteTimeSpan, "pin")), log, """
            Patterns - IN [Matching Patterns] Plugin 1: hang Return 1: ^pin$ [Deploy Patterns] Custom: &x=1
            """);
        var watch = Stopwatch.StartNew();

        router.RouteIn(Parse(Call("1")), ArsHarness.Context(null), new RoutingDecision()).Should().BeFalse();

        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
        log.Failures.Should().ContainSingle().Which.Kind.Should().Be(ArsPluginFailureKind.TimedOut);
    }

    // A router over the routes whose logger keeps the plug-in failures it logs (how a host learns of them).
    private static SipRouter Router(ArsPluginRegistry plugins, PluginFailureLog log, string routes) => new(
        new RoutingModel(AlwaysConnected.Routing.DialPlan.DialPlanDefinition.Empty, ArsTextReader.Parse(routes)),
        new SipRouterOptions { Plugins = plugins, ValidateRequests = false },
        logger: log);

    private static AlwaysConnected.Routing.Sip.SipMessage Parse(byte[] request) => ParsedRequest.Parse(request, new AlwaysConnected.Routing.Sip.SipMessageIndex());

    [Fact]
    public void An_async_plugin_that_answers_in_time_matches_and_offers_its_groups()
    {
        var options = new ArsOptions { Plugins = new ArsPluginRegistry().Register(new LookupPlugin("crm", TimeSpan.FromMilliseconds(20), "vip:gold", timeoutMs: 10_000)) };
        var ars = ArsCompiler.Compile(ArsTextReader.Parse("""
            [Route crm]
            Patterns - IN
            [Matching Patterns]
            To: sip:([0-9]+)@
            Plugin 1: crm
            Param 1: &t1
            Return 1: ^vip:(.+)$
            [Deploy Patterns]
            Custom: &crm.tier=&p1
            """), options);
        var properties = new CallProperties();

        ArsHarness.Route(ars, ArsDirection.In, Call("0312345678"), properties, new RoutingDecision()).Should().BeTrue();

        properties.GetString("crm.tier").Should().Be("gold");
        LookupPlugin.LastParam.Should().Be("0312345678");
    }

    [Fact]
    public void A_value_that_would_inject_a_header_fails_the_decision_and_applies_nothing()
    {
        var ars = ArsCompiler.Compile(ArsTextReader.Parse("""
            Patterns - IN [Matching Patterns] To: sip:(.+)@ [Deploy Patterns] Custom: X-Copy=&evil Custom: &done=yes
            """));
        var properties = new CallProperties();
        properties.Set("evil", "a\r\nVia: SIP/2.0/UDP attacker");
        var decision = new RoutingDecision();

        ArsHarness.Route(ars, ArsDirection.In, Call("1"), properties, decision);

        decision.Outcome.Should().Be(RoutingOutcome.Error);
        decision.ErrorCode.Should().Be(RoutingErrorCode.InjectedLineBreak);
        decision.ErrorMessage.Should().Contain("route-1 IN 1").And.Contain("Custom 1");
        properties.GetString("done").Should().BeNull();
    }

    [Fact]
    public void Concurrent_leases_never_exceed_the_limit_nor_go_negative_nor_leak()
    {
        var states = new ArsBlockStates();
        var ars = ArsCompiler.Compile(ArsTextReader.Parse("""
            [Route gw]
            Patterns - OUT
            Max Sessions: 3
            [Deploy Patterns]
            Target: gw.example
            """), new ArsOptions { States = states });
        var request = Call("0312345678");
        var maxSeen = 0;
        var minSeen = 0;
        var acquired = 0;

        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            var decision = new RoutingDecision();
            var selection = new ArsSelection();
            for (var i = 0; i < 2000; i++)
            {
                if (!ArsHarness.Route(ars, ArsDirection.Out, request, null, decision, selection) || !selection.TryAcquire(out var lease))
                {
                    continue;
                }

                Interlocked.Increment(ref acquired);
                var active = states.GetActiveSessions("gw", ArsDirection.Out, 1);
                InterlockedMax(ref maxSeen, active);
                lease.Dispose();
                lease.Dispose();
                InterlockedMin(ref minSeen, states.GetActiveSessions("gw", ArsDirection.Out, 1));
            }
        });

        acquired.Should().BeGreaterThan(0);
        maxSeen.Should().BeLessThanOrEqualTo(3);
        minSeen.Should().BeGreaterThanOrEqualTo(0);
        states.GetActiveSessions("gw", ArsDirection.Out, 1).Should().Be(0);
    }

    [Fact]
    public void Session_counts_survive_a_recompile_with_the_same_options()
    {
        var options = new ArsOptions();
        var text = """
            [Route gw]
            Patterns - OUT
            Max Sessions: 1
            [Deploy Patterns]
            Target: gw.example
            """;
        var first = ArsCompiler.Compile(ArsTextReader.Parse(text), options, version: 1);
        var selection = new ArsSelection();
        ArsHarness.Route(first, ArsDirection.Out, Call("1"), null, new RoutingDecision(), selection).Should().BeTrue();
        selection.TryAcquire(out var lease).Should().BeTrue();

        var second = ArsCompiler.Compile(ArsTextReader.Parse(text), options, version: 2);
        var decision = new RoutingDecision();

        ArsHarness.Route(second, ArsDirection.Out, Call("1"), null, decision).Should().BeFalse();
        decision.StatusCode.Should().Be(503);
        decision.SnapshotVersion.Should().Be(2);
        lease!.Dispose();
        ArsHarness.Route(second, ArsDirection.Out, Call("1"), null, decision).Should().BeTrue();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static void InterlockedMin(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) > value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private sealed class ThrowingPlugin() : ArsPlugin("boom")
    {
        public override bool TryInvoke(scoped in ArsPluginCall call, IBufferWriter<byte> result) =>
            throw new InvalidOperationException("the lookup service is down");
    }

    private sealed class LookupPlugin(string name, TimeSpan delay, string answer, int timeoutMs = 100) : AsyncArsPlugin(name, TimeSpan.FromMilliseconds(timeoutMs))
    {
        public static string? LastParam { get; private set; }

        public override async ValueTask<string?> InvokeAsync(ArsAsyncPluginCall call, CancellationToken cancellationToken)
        {
            LastParam = call.Param;
            await Task.Delay(delay, cancellationToken);
            return answer;
        }
    }
}
