using System.Diagnostics;
using System.Globalization;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.EndToEndTests.Support;
using Xunit.Abstractions;

namespace AlwaysConnected.Routing.EndToEndTests;

/// <summary>
/// The trunk call lifecycle through the sample's PBX core, driven by sipp: a caller sends straight to the PBX
/// core, whose ARS OUT routes (configured in the library's notation) offer two trunks in priority order. What
/// each sipp trunk received is the evidence; session counts are read through the router's public API.
/// </summary>
public sealed class TrunkLifecycleTests(ITestOutputHelper output) : IDisposable
{
    private const string Callee = "0901234567";
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(20);
    private readonly SippWorkspace _workspace = new(output, "acsp-trunks-");

    [SippFact]
    public async Task A_trunk_answering_503_is_failed_over_then_skipped_until_its_recovery_time_has_passed()
    {
        var (pbxPort, first, second) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        await using var server = await ServerHost.StartAsync(Settings(pbxPort, first, second, maxSessions: -1, responseTimeoutMs: 4000, recovery: "3s"));
        var unavailable = RunTrunk("trunk-unavailable-uas.xml", "a", first, calls: 2);
        var backup = RunTrunk("trunk-uas.xml", "b", second, calls: 3);

        // Call 1: the first trunk answers 503, the second completes the call.
        await ExpectSuccessAsync(RunCaller(pbxPort, calls: 1, pauseMs: 0, "c1"), "caller 1");
        server.Router.IsInRecovery("TRUNK_A", ArsDirection.Out, 1).Should().BeTrue("the 503 puts the first trunk in recovery");

        // Call 2, within the recovery time: straight to the second trunk.
        await ExpectSuccessAsync(RunCaller(pbxPort, calls: 1, pauseMs: 0, "c2"), "caller 2");
        TrunkInvites("a").Should().Be(1, "the first trunk is passed over while it recovers");

        // Call 3, after the recovery time: the first trunk is tried again (503 again), the second completes it.
        await Task.Delay(TimeSpan.FromSeconds(3.2));
        server.Router.IsInRecovery("TRUNK_A", ArsDirection.Out, 1).Should().BeFalse();
        await ExpectSuccessAsync(RunCaller(pbxPort, calls: 1, pauseMs: 0, "c3"), "caller 3");

        await ExpectSuccessAsync(unavailable, "first trunk (503, then its ACK, twice)");
        await ExpectSuccessAsync(backup, "second trunk (three calls)");
        TrunkInvites("a").Should().Be(2, "calls 1 and 3 reached the first trunk, call 2 did not");
        TrunkInvites("b").Should().Be(3);
        await ExpectSessionsAsync(server, 0, 0);
    }

    [SippFact]
    public async Task A_trunk_that_never_answers_is_failed_over_within_the_response_timeout()
    {
        var (pbxPort, first, second) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        const int timeoutMs = 1500;
        await using var server = await ServerHost.StartAsync(Settings(pbxPort, first, second, maxSessions: -1, responseTimeoutMs: timeoutMs, recovery: "30s"));
        var silent = RunTrunk("trunk-silent-uas.xml", "a", first, calls: 1);
        var backup = RunTrunk("trunk-uas.xml", "b", second, calls: 1);

        var stopwatch = Stopwatch.StartNew();
        await ExpectSuccessAsync(RunCaller(pbxPort, calls: 1, pauseMs: 0, "t1"), "caller");
        var elapsed = stopwatch.Elapsed;

        _workspace.Output.WriteLine($"call completed in {elapsed.TotalMilliseconds:F0} ms (response timeout {timeoutMs} ms)");
        elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(timeoutMs), "the first trunk was given its response timeout")
            .And.BeLessThan(TimeSpan.FromMilliseconds(timeoutMs + 1000), "the second trunk took over within the timeout plus one second");
        await ExpectSuccessAsync(silent, "silent first trunk");
        await ExpectSuccessAsync(backup, "second trunk");
        TrunkInvites("a").Should().Be(1);
        TrunkInvites("b").Should().Be(1);
        server.Router.IsInRecovery("TRUNK_A", ArsDirection.Out, 1).Should().BeTrue("a timeout fails the trunk over for its recovery time");
        await ExpectSessionsAsync(server, 0, 0);
    }

    [SippFact]
    public async Task Max_Sessions_2_sends_two_of_three_concurrent_calls_to_the_first_trunk_and_the_third_to_the_second()
    {
        var (pbxPort, first, second) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        await using var server = await ServerHost.StartAsync(Settings(pbxPort, first, second, maxSessions: 2, responseTimeoutMs: 4000, recovery: "30s"));
        var preferred = RunTrunk("trunk-uas.xml", "a", first, calls: 2);
        var backup = RunTrunk("trunk-uas.xml", "b", second, calls: 1);

        // Three calls started at once, each held up for 2.5 s before its BYE.
        var callers = RunCaller(pbxPort, calls: 3, pauseMs: 2500, "m", "-r", "3", "-l", "3");
        await ExpectSessionsAsync(server, 2, 1, "while the three calls are up");

        await ExpectSuccessAsync(callers, "three concurrent callers");
        await ExpectSuccessAsync(preferred, "first trunk (two calls)");
        await ExpectSuccessAsync(backup, "second trunk (one call)");
        TrunkInvites("a").Should().Be(2);
        TrunkInvites("b").Should().Be(1);
        await ExpectSessionsAsync(server, 0, 0, "after every call ended");
    }

    public void Dispose() => _workspace.Dispose();

    /// <summary>The PBX core alone, with two OUT routes in the library's ARS notation (no preset).</summary>
    private static Dictionary<string, string?> Settings(int pbxPort, int firstTrunk, int secondTrunk, int maxSessions, int responseTimeoutMs, string recovery) => new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["SipProxy:ListenAddress"] = "127.0.0.1",
        ["SipProxy:SipPort"] = Port(FreePorts.Next()),
        ["SipProxy:PbxCorePort"] = Port(pbxPort),
        ["SipProxy:EnableTcp"] = "false",
        ["Routing:AlwaysConnected:Enabled"] = "false",
        ["Routing:Ars:Text"] = $"""
            [Route TRUNK_A]
            Patterns - OUT 1
            Priority: 1
            Max Sessions: {maxSessions}
            [Matching Patterns]
            To: sip:([0-9]+)@
            [Deploy Patterns]
            To: sip:&t1@127.0.0.1:{firstTrunk}
            Target: 127.0.0.1:{firstTrunk}
            Response Timeout: {responseTimeoutMs}ms
            Recovery Time: {recovery}
            Failover: 503

            [Route TRUNK_B]
            Patterns - OUT 1
            Priority: 2
            [Matching Patterns]
            To: sip:([0-9]+)@
            [Deploy Patterns]
            To: sip:&t1@127.0.0.1:{secondTrunk}
            Target: 127.0.0.1:{secondTrunk}
            Response Timeout: 4000ms
            Failover: 503
            """,
    };

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static async Task ExpectSessionsAsync(ServerHost server, int first, int second, string when = "")
    {
        // The counts change when the PBX core handles a message; give it a moment, bounded.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(2);
        while (DateTime.UtcNow < deadline
            && (server.Router.GetActiveSessions("TRUNK_A", ArsDirection.Out, 1) != first || server.Router.GetActiveSessions("TRUNK_B", ArsDirection.Out, 1) != second))
        {
            await Task.Delay(20);
        }

        server.Router.GetActiveSessions("TRUNK_A", ArsDirection.Out, 1).Should().Be(first, $"TRUNK_A's sessions {when}");
        server.Router.GetActiveSessions("TRUNK_B", ArsDirection.Out, 1).Should().Be(second, $"TRUNK_B's sessions {when}");
    }

    /// <summary>How many INVITEs the trunk run in <paramref name="name"/>'s directory logged.</summary>
    private int TrunkInvites(string name) =>
        _workspace.ReadTraceFiles("*_logs.log", name).Split('\n').Count(line => line.Contains("TRUNK-INVITE", StringComparison.Ordinal));

    // -nr: no retransmissions (loopback loses nothing). On a busy machine a retransmission answered late would
    // reach a caller while it holds the call up, which sipp takes for an unexpected message.
    private Sipp RunTrunk(string scenario, string name, int port, int calls) =>
        _workspace.Start(["-sf", Sipp.ScenarioPath(scenario), "-i", "127.0.0.1", "-p", Port(port), "-m", Port(calls), "-nr"], name);

    private Sipp RunCaller(int pbxPort, int calls, int pauseMs, string name, params string[] extra) =>
        _workspace.Start([$"127.0.0.1:{pbxPort}", "-sf", Sipp.ScenarioPath("caller-uac.xml"), "-s", Callee, "-i", "127.0.0.1", "-p", Port(FreePorts.Next()),
            "-m", Port(calls), "-d", Port(pauseMs), "-nr", .. extra], name);

    private Task ExpectSuccessAsync(Sipp sipp, string role) => _workspace.ExpectSuccessAsync(sipp, role, CallTimeout);
}
