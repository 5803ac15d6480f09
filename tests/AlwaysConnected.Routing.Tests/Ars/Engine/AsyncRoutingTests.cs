using System.Buffers;
using System.Net;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Ars.Compilation;
using AlwaysConnected.Routing.Ars.Evaluation;
using AlwaysConnected.Routing.Ars.Plugins;
using AlwaysConnected.Routing.Ars.Text;
using AlwaysConnected.Routing.Presets;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Sip.Writing;
using AlwaysConnected.Routing.Tests.Support;

namespace AlwaysConnected.Routing.Tests.Ars.Engine;

/// <summary>RouteInAsync / RouteOutAsync: async plug-ins are awaited, everything else completes synchronously.</summary>
public class AsyncRoutingTests
{
    private const string CrmRoutes = """
        [Route crm]
        Patterns - IN
        Priority: 1
        [Matching Patterns]
        To: sip:([0-9]+)@
        Plugin 1: crm
        Param 1: &t1
        Return 1: ^vip:(.+)$
        [Deploy Patterns]
        Custom: &crm.tier=&p1
        [Route fallback]
        Patterns - IN
        Priority: 2
        [Deploy Patterns]
        Custom: &crm.tier=none
        """;

    private static byte[] Call(string number) =>
        ArsHarness.Invite($"sip:{number}@pbx.local", $"<sip:{number}@pbx.local>", "<sip:300@pbx.local>;tag=1");

    // A router over the routes, with a logger that keeps the plug-in failures it logs (how a host learns of them).
    private static (SipRouter Ars, PluginFailureLog Log) Compile(AsyncArsPlugin plugin, string routes = CrmRoutes)
    {
        var log = new PluginFailureLog();
        var options = new SipRouterOptions { Plugins = new ArsPluginRegistry().Register(plugin), ValidateRequests = false };
        return (new SipRouter(new RoutingModel(AlwaysConnected.Routing.DialPlan.DialPlanDefinition.Empty, ArsTextReader.Parse(routes)), options, logger: log), log);
    }

    private static ValueTask<bool> RouteInAsync(SipRouter ars, byte[] request, CallProperties properties, RoutingDecision decision, CancellationToken cancellationToken = default)
    {
        var index = new SipMessageIndex();
        ParsedRequest.Parse(request, index);
        return ars.RouteInAsync(request, index, ArsHarness.Context(properties), decision, new ArsSelection(), cancellationToken);
    }

    [Fact]
    public async Task An_async_plugin_is_awaited_and_its_groups_are_offered()
    {
        var plugin = new Lookup("crm", async (call, token) =>
        {
            await Task.Yield();
            return call.Param == "0312345678" ? "vip:gold" : null;
        });
        var (ars, failures) = Compile(plugin);
        var properties = new CallProperties();
        var decision = new RoutingDecision();

        (await RouteInAsync(ars, Call("0312345678"), properties, decision)).Should().BeTrue();

        properties.GetString("crm.tier").Should().Be("gold");
        decision.AppliedRules.Should().Equal("crm IN 1");
        decision.GetCapture(1).ToArray().Should().Equal("0312345678"u8.ToArray());
        decision.GetCapture(2).ToArray().Should().Equal("gold"u8.ToArray());
        failures.Failures.Should().BeEmpty();
        plugin.LastCall!.RouteName.Should().Be("crm");
        plugin.LastCall.Slot.Should().Be(1);
    }

    [Fact]
    public async Task A_null_answer_is_a_mismatch_and_the_walk_goes_on()
    {
        var (ars, failures) = Compile(new Lookup("crm", async (_, _) =>
        {
            await Task.Yield();
            return null;
        }));
        var properties = new CallProperties();

        (await RouteInAsync(ars, Call("0312345678"), properties, new RoutingDecision())).Should().BeTrue();

        properties.GetString("crm.tier").Should().Be("none");
        failures.Failures.Should().BeEmpty();
    }

    [Fact]
    public async Task A_plugin_that_times_out_is_a_mismatch_reported_with_route_and_slot()
    {
        var (ars, failures) = Compile(new Lookup("crm", async (_, token) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            return "vip:gold";
        }, timeout: TimeSpan.FromMilliseconds(50)));
        var properties = new CallProperties();

        (await RouteInAsync(ars, Call("0312345678"), properties, new RoutingDecision())).Should().BeTrue();

        properties.GetString("crm.tier").Should().Be("none", "the timed-out block is passed over");
        var failure = failures.Failures.Should().ContainSingle().Subject;
        (failure.RouteName, failure.Direction, failure.BlockNumber, failure.Slot, failure.PluginName, failure.Kind)
            .Should().Be(("crm", ArsDirection.In, 1, 1, "crm", ArsPluginFailureKind.TimedOut));
        failure.Level.Should().Be(Microsoft.Extensions.Logging.LogLevel.Warning);
        failure.Message.Should().Be("ARS plug-in 'crm' timed out in route crm, IN block 1, slot 1; the slot counted as a mismatch");
        failure.Exception.Should().BeOfType<TimeoutException>();
    }

    [Fact]
    public async Task A_plugin_that_ignores_its_token_still_times_out()
    {
        var never = new TaskCompletionSource<string?>();
        var (ars, failures) = Compile(new Lookup("crm", (_, _) => new ValueTask<string?>(never.Task), timeout: TimeSpan.FromMilliseconds(50)));

        (await RouteInAsync(ars, Call("0312345678"), new CallProperties(), new RoutingDecision())).Should().BeTrue();

        failures.Failures.Should().ContainSingle().Which.Kind.Should().Be(ArsPluginFailureKind.TimedOut);
    }

    [Fact]
    public async Task A_plugin_that_throws_is_a_mismatch_reported_with_route_and_slot()
    {
        var (ars, failures) = Compile(new Lookup("crm", async (_, _) =>
        {
            await Task.Yield();
            throw new InvalidOperationException("the CRM is down");
        }));
        var properties = new CallProperties();

        (await RouteInAsync(ars, Call("0312345678"), properties, new RoutingDecision())).Should().BeTrue();

        properties.GetString("crm.tier").Should().Be("none");
        var failure = failures.Failures.Should().ContainSingle().Subject;
        (failure.RouteName, failure.Slot, failure.Kind).Should().Be(("crm", 1, ArsPluginFailureKind.Threw));
        failure.Exception.Should().BeOfType<InvalidOperationException>();
    }

    [Fact]
    public async Task A_plugin_that_throws_before_its_first_await_is_a_mismatch_too()
    {
        var (ars, failures) = Compile(new Lookup("crm", (_, _) => throw new InvalidOperationException("bad parameter")));

        (await RouteInAsync(ars, Call("0312345678"), new CallProperties(), new RoutingDecision())).Should().BeTrue();

        failures.Failures.Should().ContainSingle().Which.Kind.Should().Be(ArsPluginFailureKind.Threw);
    }

    [Fact]
    public async Task The_callers_cancellation_cancels_the_lookup_and_the_task()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lookupCancelled = false;
        var (ars, failures) = Compile(new Lookup("crm", async (_, token) =>
        {
            started.SetResult();
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
            }
            catch (OperationCanceledException)
            {
                lookupCancelled = true;
                throw;
            }

            return "vip:gold";
        }, timeout: TimeSpan.FromMinutes(5)));
        using var cancellation = new CancellationTokenSource();

        var routing = RouteInAsync(ars, Call("0312345678"), new CallProperties(), new RoutingDecision(), cancellation.Token);
        await started.Task;
        await cancellation.CancelAsync();

        await FluentActions.Awaiting(async () => await routing).Should().ThrowAsync<OperationCanceledException>();
        lookupCancelled.Should().BeTrue();
        failures.Failures.Should().BeEmpty("a cancelled call is not a plug-in failure");
    }

    [Fact]
    public void An_already_cancelled_token_cancels_before_routing()
    {
        var (ars, _) = Compile(new Lookup("crm", (_, _) => new ValueTask<string?>("vip:gold")));
        var decision = new RoutingDecision();

        var routing = RouteInAsync(ars, Call("0312345678"), new CallProperties(), decision, new CancellationToken(canceled: true));

        routing.IsCanceled.Should().BeTrue();
    }

    [Fact]
    public async Task A_lookup_answered_from_a_cache_completes_synchronously()
    {
        var (ars, _) = Compile(new Lookup("crm", (_, _) => new ValueTask<string?>("vip:silver")));
        var properties = new CallProperties();

        var routing = RouteInAsync(ars, Call("0312345678"), properties, new RoutingDecision());

        routing.IsCompletedSuccessfully.Should().BeTrue();
        (await routing).Should().BeTrue();
        properties.GetString("crm.tier").Should().Be("silver");
    }

    [Fact]
    public async Task Slots_after_an_async_slot_and_a_second_async_slot_are_evaluated_in_order()
    {
        var (ars, _) = Compile(
            new Lookup("crm", async (call, _) =>
            {
                await Task.Yield();
                return "vip:" + call.Param;
            }),
            """
            [Route two]
            Patterns - IN
            [Matching Patterns]
            To: sip:([0-9]+)@
            Plugin 1: crm
            Param 1: a&t1
            Return 1: ^vip:(.+)$
            Plugin 2: sipheader
            Param 2: X-Tier
            Return 2: ^(gold)$
            Plugin 3: crm
            Param 3: &p1-&p2
            Return 3: ^vip:(.+)$
            [Deploy Patterns]
            Custom: &result=&p3
            """);
        var properties = new CallProperties();
        var request = ArsHarness.Invite("sip:12@pbx.local", "<sip:12@pbx.local>", "<sip:300@pbx.local>;tag=1", ("X-Tier", "gold"));

        (await RouteInAsync(ars, request, properties, new RoutingDecision())).Should().BeTrue();

        properties.GetString("result").Should().Be("a12-gold");
    }

    [Fact]
    public void Without_an_async_plugin_routing_completes_synchronously_and_allocates_nothing()
    {
        var ars = AlwaysConnectedSeedTests.Compile();
        var request = ArsHarness.Invite("sip:09012345678@127.0.0.1:5052", "<sip:09012345678@127.0.0.1:5052>", "<sip:ms@127.0.0.1:5056>;tag=1", ("X-PBX-Param", "pin"));
        var index = new SipMessageIndex();
        ParsedRequest.Parse(request, index);
        var memory = new ReadOnlyMemory<byte>(request);
        var properties = new CallProperties();
        var context = ArsHarness.Context(properties);
        var decision = new RoutingDecision();
        var selection = new ArsSelection();

        bool RunOnce()
        {
            properties.Clear();
            var routeIn = ars.RouteInAsync(memory, index, context, decision);
            var routeOut = ars.RouteOutAsync(memory, index, context, decision, selection);
            return routeIn.IsCompletedSuccessfully && routeIn.Result && routeOut.IsCompletedSuccessfully && routeOut.Result;
        }

        for (var i = 0; i < 50; i++)
        {
            RunOnce().Should().BeTrue();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var all = true;
        for (var i = 0; i < 1000; i++)
        {
            all &= RunOnce();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        all.Should().BeTrue();
        allocated.Should().Be(0);
        decision.GetRequestUriString().Should().Be("sip:09012345678@itsp.example.com:5060");
    }

    [Fact]
    public async Task Seed_case_2_through_the_async_front_door_decides_as_the_synchronous_one()
    {
        var router = new SipRouterBuilder()
            .UseAlwaysConnected(o =>
            {
                o.ItspDomain = "itsp.example.net";
                o.Account = "0312345678";
                o.RequiresAuthentication = true;
                o.TrunkTarget = "itsp.example.net:5060";
                o.Password = "s3cret";
            })
            .Build();
        var index = new SipMessageIndex();
        var decision = new RoutingDecision();
        router.Route(ParsedRequest.Parse(SeedMessages.MediaServerInvite(), index), SeedMessages.FromMediaServer, decision);
        var toPbx = Write(ParsedRequest.Parse(SeedMessages.MediaServerInvite(), index), decision);
        var fromSipServer = new IPEndPoint(IPAddress.Loopback, 5060);

        // ARS IN, both ways.
        var syncProperties = new CallProperties();
        var asyncProperties = new CallProperties();
        var syncIn = new RoutingDecision();
        var asyncIn = new RoutingDecision();
        router.RouteIn(ParsedRequest.Parse(toPbx, index), new RoutingContext(fromSipServer) { Properties = syncProperties }, syncIn).Should().BeTrue();
        var syncAfterIn = Write(ParsedRequest.Parse(toPbx, index), syncIn);
        (await router.RouteInAsync(toPbx, index, new RoutingContext(fromSipServer) { Properties = asyncProperties }, asyncIn)).Should().BeTrue();
        var asyncAfterIn = Write(ParsedRequest.Parse(toPbx, index), asyncIn);

        asyncAfterIn.Should().Equal(syncAfterIn);
        Describe(asyncIn).Should().Be(Describe(syncIn));
        asyncProperties.ToDictionary().Should().BeEquivalentTo(syncProperties.ToDictionary());

        // ARS OUT, both ways.
        var syncOut = new RoutingDecision();
        var asyncOut = new RoutingDecision();
        var syncSelection = new ArsSelection();
        var asyncSelection = new ArsSelection();
        router.RouteOut(ParsedRequest.Parse(syncAfterIn, index), new RoutingContext(fromSipServer) { Properties = syncProperties }, syncOut, syncSelection).Should().BeTrue();
        var syncToTrunk = Write(ParsedRequest.Parse(syncAfterIn, index), syncOut);
        ParsedRequest.Parse(syncAfterIn, index);
        (await router.RouteOutAsync(syncAfterIn, index, new RoutingContext(fromSipServer) { Properties = asyncProperties }, asyncOut, asyncSelection, default)).Should().BeTrue();
        var asyncToTrunk = Write(ParsedRequest.Parse(syncAfterIn, index), asyncOut);

        asyncToTrunk.Should().Equal(syncToTrunk);
        Describe(asyncOut).Should().Be(Describe(syncOut));
        asyncSelection.RouteName.Should().Be(AlwaysConnectedPreset.ArsRoute).And.Be(syncSelection.RouteName);
        asyncSelection.Credentials.Should().Be(syncSelection.Credentials);
    }

    private static byte[] Write(SipMessage message, RoutingDecision decision)
    {
        var output = new ArrayBufferWriter<byte>();
        SipRequestWriter.TryWrite(message, decision, output, out var error).Should().BeTrue(error.ToString());
        return output.WrittenSpan.ToArray();
    }

    private static string Describe(RoutingDecision decision) =>
        $"{decision.Stage} {decision.Outcome} {decision.StatusCode} {decision.GetTargetString()} {decision.GetRequestUriString()} {string.Join(",", decision.AppliedRules)} {decision.HeaderEditCount} {decision.CaptureCount} {decision.SnapshotVersion}";

    private sealed class Lookup(string name, Func<ArsAsyncPluginCall, CancellationToken, ValueTask<string?>> answer, TimeSpan? timeout = null)
        : AsyncArsPlugin(name, timeout ?? TimeSpan.FromSeconds(30))
    {
        public ArsAsyncPluginCall? LastCall { get; private set; }

        public override ValueTask<string?> InvokeAsync(ArsAsyncPluginCall call, CancellationToken cancellationToken)
        {
            LastCall = call;
            return answer(call, cancellationToken);
        }
    }
}
