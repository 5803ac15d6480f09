using System.Buffers;
using System.Diagnostics.Metrics;
using System.Net;
using AlwaysConnected.Routing.Ars.Evaluation;
using AlwaysConnected.Routing.Diagnostics;
using AlwaysConnected.Routing.Presets;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Sip.Writing;
using AlwaysConnected.Routing.Tests.Support;

namespace AlwaysConnected.Routing.Tests.Router;

/// <summary>The facade's own cost and signals: no allocation when unobserved, metrics when observed.</summary>
public class RouterObservabilityTests
{
    private static SipRouter Case2Router(RoutingMetrics? metrics = null) => new(
        new SipRouterBuilder()
            .UseAlwaysConnected(o =>
            {
                o.ItspDomain = "itsp.example.net";
                o.Account = "0312345678";
                o.RequiresAuthentication = true;
                o.Password = "secret";
            })
            .BuildModel(),
        options: null,
        services: null,
        logger: null,
        metrics: metrics);

    [Fact]
    public void Dial_plan_then_ars_in_and_out_through_the_router_allocate_nothing_once_warm()
    {
        var router = Case2Router();
        var bytes = SeedMessages.MediaServerInvite();
        var index = new SipMessageIndex();
        var decision = new RoutingDecision();
        var selection = new ArsSelection();
        var properties = new CallProperties();
        var fromMediaServer = SeedMessages.FromMediaServer;
        var atPbx = new RoutingContext(new IPEndPoint(IPAddress.Loopback, 5060)) { Properties = properties };
        var output = new ArrayBufferWriter<byte>(2048);

        void RouteOnce()
        {
            SipParser.TryParseDatagram(bytes, index, out var message);
            router.Route(message, fromMediaServer, decision);
            properties.Clear();
            router.RouteIn(message, atPbx, decision, selection);
            router.RouteOut(message, atPbx, decision, selection);
            output.ResetWrittenCount();
            SipRequestWriter.TryWrite(message, decision, output, out _);
        }

        var allocated = SteadyStateAllocations.Measure(RouteOnce, warmUp: 200);
        decision.Stage.Should().Be(RoutingStage.ArsOut, "the pipeline ran to the trunk");
        allocated.Should().Be(0);
    }

    [Fact]
    public void Decisions_reloads_and_rule_hits_are_counted_when_someone_listens()
    {
        using var metrics = new RoutingMetrics();
        var router = Case2Router(metrics);
        var measurements = new List<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this router's meter: tests running alongside record on meters of the same name.
            if (instrument.Meter == metrics.Meter)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (measurements)
            {
                measurements.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
            }
        });
        listener.Start();

        var index = new SipMessageIndex();
        var decision = new RoutingDecision();
        router.Route(ParsedRequest.Parse(SeedMessages.MediaServerInvite(), index), SeedMessages.FromOutside, decision);
        router.TryReload(RoutingModel.Empty, out _).Should().BeTrue();

        measurements.Should().Contain(m => m.Instrument == "sip.routing.decisions" && (string?)m.Tags["outcome"] == "reject" && (string?)m.Tags["stage"] == "dialplan");
        measurements.Should().Contain(m => m.Instrument == "sip.routing.rule.hits" && (string?)m.Tags["rule"] == AlwaysConnectedPreset.AntiSpoofingRule);
        measurements.Should().Contain(m => m.Instrument == "sip.routing.reloads" && (string?)m.Tags["result"] == "applied");
    }

    [Fact]
    public async Task Plugin_failures_are_counted_by_plugin_and_kind()
    {
        using var metrics = new RoutingMetrics();
        var plugins = new AlwaysConnected.Routing.Ars.Plugins.ArsPluginRegistry().Register(new Throwing("boom")).Register(new Hanging("slow"));
        var routes = AlwaysConnected.Routing.Ars.ArsDefinition.Parse("""
            [Route sync]
            Patterns - OUT
            [Matching Patterns]
            Plugin 1: boom
            [Deploy Patterns]
            Target: a.example
            [Route async]
            Patterns - IN
            [Matching Patterns]
            Plugin 1: slow
            [Deploy Patterns]
            Custom: &x=1
            """);
        var router = new SipRouter(new RoutingModel(AlwaysConnected.Routing.DialPlan.DialPlanDefinition.Empty, routes), new SipRouterOptions { Plugins = plugins }, services: null, logger: null, metrics: metrics);
        var measurements = new List<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == metrics.Meter && instrument.Name == "sip.routing.plugin.failures")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (measurements)
            {
                measurements.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
            }
        });
        listener.Start();
        var bytes = SeedMessages.MediaServerInvite();
        var index = new SipMessageIndex();

        router.RouteOut(ParsedRequest.Parse(bytes, index), SeedMessages.FromMediaServer, new RoutingDecision()).Should().BeFalse();
        (await router.RouteInAsync(bytes, index, SeedMessages.FromMediaServer, new RoutingDecision())).Should().BeFalse();

        measurements.Select(m => (m.Value, (string?)m.Tags["plugin"], (string?)m.Tags["kind"]))
            .Should().Equal((1L, "boom", "threw"), (1L, "slow", "timed-out"));
    }

    private sealed class Throwing(string name) : AlwaysConnected.Routing.Ars.Plugins.ArsPlugin(name)
    {
        public override bool TryInvoke(scoped in AlwaysConnected.Routing.Ars.Plugins.ArsPluginCall call, IBufferWriter<byte> result) =>
            throw new InvalidOperationException("the lookup service is down");
    }

    private sealed class Hanging(string name) : AlwaysConnected.Routing.Ars.Plugins.AsyncArsPlugin(name, TimeSpan.FromMilliseconds(50))
    {
        public override async ValueTask<string?> InvokeAsync(AlwaysConnected.Routing.Ars.Plugins.ArsAsyncPluginCall call, CancellationToken cancellationToken)
        {
            await Task.Delay(System.Threading.Timeout.InfiniteTimeSpan, cancellationToken);
            return null;
        }
    }
}
