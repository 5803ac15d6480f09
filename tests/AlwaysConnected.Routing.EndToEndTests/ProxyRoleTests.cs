using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using AlwaysConnected.Routing.EndToEndTests.Support;
using AlwaysConnected.SipProxy.Proxy;
using Xunit.Abstractions;

namespace AlwaysConnected.Routing.EndToEndTests;

/// <summary>
/// The sample's SIP server role on rules of its own: a <c>$target</c> failover list tried in order, requests
/// refused before any rule (505, 400) and never forwarded, malformed responses dropped. sipp plays the caller
/// and the next hops; what each next hop received is read from its own logs and message traces.
/// </summary>
[Collection(SippFlowsCollection.Name)]
public sealed class ProxyRoleTests(ITestOutputHelper output) : IDisposable
{
    private const string Callee = "0901234567";
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(20);
    private readonly SippWorkspace _workspace = new(output, "acsp-proxy-e2e-");

    [SippFact]
    public async Task A_target_list_whose_first_hop_answers_503_completes_through_the_second()
    {
        var (sipPort, callerPort, firstHop, secondHop) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        await using var server = await ServerHost.StartAsync(Settings(sipPort, $"127.0.0.1:{firstHop}, 127.0.0.1:{secondHop}"));

        var first = _workspace.Start(["-sf", Sipp.ScenarioPath("nexthop-503-uas.xml"), "-i", "127.0.0.1", "-p", Port(firstHop), "-m", "1", "-trace_msg"]);
        var second = _workspace.Start(["-sf", Sipp.ScenarioPath("nexthop-uas.xml"), "-i", "127.0.0.1", "-p", Port(secondHop), "-m", "1", "-trace_msg"]);
        var caller = _workspace.Start([$"127.0.0.1:{sipPort}", "-sf", Sipp.ScenarioPath("media-server-uac.xml"), "-s", Callee, "-i", "127.0.0.1", "-p", Port(callerPort), "-m", "1"]);

        await ExpectSuccessAsync(caller, "caller");
        await ExpectSuccessAsync(first, "first next hop (503)");
        await ExpectSuccessAsync(second, "second next hop");

        Sipp.CountReceived(_workspace.Directory, "nexthop-503-uas_*_messages.log", "INVITE").Should().Be(1, "the first hop gets one INVITE transaction; retransmissions after its 503 go to the second hop");
        Sipp.CountReceived(_workspace.Directory, "nexthop-503-uas_*_messages.log", "ACK").Should().Be(1, "the proxy ACKs the 503 it absorbs");
        _workspace.ReadTraceFiles("nexthop-503-uas_*_logs.log").Should().Contain("HOP-RECEIVED ACK cseq=1 ACK");
        Sipp.CountReceived(_workspace.Directory, "nexthop-uas_*_messages.log", "INVITE").Should().Be(1);
        var firstCall = CallId(_workspace.ReadTraceFiles("nexthop-503-uas_*_logs.log"));
        CallId(_workspace.ReadTraceFiles("nexthop-uas_*_logs.log")).Should().Be(firstCall, "the same call moves to the second hop");
        server.GetRequiredService<ProxyMetrics>().Failovers.Should().Be(1);
    }

    [SippFact]
    public async Task A_target_list_whose_first_hop_stays_silent_moves_on_after_the_timeout()
    {
        var (sipPort, callerPort, secondHop) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var silentPort = ((IPEndPoint)silent.Client.LocalEndPoint!).Port;
        var settings = Settings(sipPort, $"127.0.0.1:{silentPort}, 127.0.0.1:{secondHop}");
        settings["SipProxy:NextHopTimeoutMilliseconds"] = "400";
        await using var server = await ServerHost.StartAsync(settings);

        var second = _workspace.Start(["-sf", Sipp.ScenarioPath("nexthop-uas.xml"), "-i", "127.0.0.1", "-p", Port(secondHop), "-m", "1", "-trace_msg"]);
        var caller = _workspace.Start([$"127.0.0.1:{sipPort}", "-sf", Sipp.ScenarioPath("media-server-uac.xml"), "-s", Callee, "-i", "127.0.0.1", "-p", Port(callerPort), "-m", "1"]);

        await ExpectSuccessAsync(caller, "caller");
        await ExpectSuccessAsync(second, "second next hop");
        var silentReceived = Drain(silent);
        silentReceived.Where(m => m.StartsWith("INVITE ", StringComparison.Ordinal)).Distinct().Should().HaveCount(1, "the silent hop is tried once, then given up on");
        Sipp.CountReceived(_workspace.Directory, "nexthop-uas_*_messages.log", "INVITE").Should().Be(1);
        server.GetRequiredService<ProxyMetrics>().Failovers.Should().Be(1);
    }

    [SippFact]
    public async Task Requests_that_fail_validation_are_answered_505_and_400_and_never_forwarded()
    {
        var (sipPort, v3Port, callerPort, downstreamPort) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        await using var server = await ServerHost.StartAsync(Settings(sipPort, $"127.0.0.1:{downstreamPort}"));
        var downstream = _workspace.Start(["-sf", Sipp.ScenarioPath("nexthop-uas.xml"), "-i", "127.0.0.1", "-p", Port(downstreamPort), "-m", "1", "-trace_msg"]);

        // SIP/3.0: sipp expects the 505 and ACKs it (the server absorbs the ACK of its own answer).
        var v3 = _workspace.Start([$"127.0.0.1:{sipPort}", "-sf", Sipp.ScenarioPath("version3-uac.xml"), "-s", Callee, "-i", "127.0.0.1", "-p", Port(v3Port), "-m", "1"]);
        await ExpectSuccessAsync(v3, "SIP/3.0 caller (expects 505)");
        _workspace.ReadTraceFiles("version3-uac_*_logs.log").Should().Contain("UAC-RECEIVED SIP/2.0 505 Version Not Supported (only SIP/2.0 is supported)");

        // No Call-ID: sipp cannot send a call without one, so a plain socket does; the 400 comes back by Via.
        using (var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
        {
            var port = ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
            var invite = Encoding.ASCII.GetBytes(
                $"INVITE sip:{Callee}@127.0.0.1:{sipPort} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{port};branch=z9hG4bK-nocallid;rport\r\n"
                + $"From: <sip:nocallid@127.0.0.1:{port}>;tag=nc1\r\nTo: <sip:{Callee}@127.0.0.1:{sipPort}>\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            await socket.SendAsync(invite, new IPEndPoint(IPAddress.Loopback, sipPort));
            var answer = await ReceiveAsync(socket, TimeSpan.FromSeconds(5));
            answer.Should().StartWith("SIP/2.0 400 Bad Request (missing Call-ID)\r\n");
            answer.Should().Contain("branch=z9hG4bK-nocallid", "the client matches the answer by its Via branch");
        }

        // A valid call afterwards reaches the downstream hop: the only INVITE it ever sees.
        var caller = _workspace.Start([$"127.0.0.1:{sipPort}", "-sf", Sipp.ScenarioPath("media-server-uac.xml"), "-s", Callee, "-i", "127.0.0.1", "-p", Port(callerPort), "-m", "1"]);
        await ExpectSuccessAsync(caller, "valid caller");
        await ExpectSuccessAsync(downstream, "downstream hop");
        Sipp.CountReceived(_workspace.Directory, "nexthop-uas_*_messages.log", "INVITE").Should().Be(1, "neither refused request may be forwarded");
        var received = _workspace.ReadTraceFiles("nexthop-uas_*_messages.log");
        received.Should().NotContain("SIP/3.0").And.NotContain("z9hG4bK-nocallid");
    }

    [Fact]
    public async Task A_malformed_response_is_dropped_and_counted_and_a_valid_one_is_relayed()
    {
        var sipPort = FreePorts.Next();
        await using var server = await ServerHost.StartAsync(Settings(sipPort, "127.0.0.1:9"));
        using var upstream = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var upstreamPort = ((IPEndPoint)upstream.Client.LocalEndPoint!).Port;
        string Response(bool withCallId) =>
            $"SIP/2.0 486 Busy Here\r\nVia: SIP/2.0/UDP 127.0.0.1:{sipPort};branch=z9hG4bKacsp00112233445566778899\r\n"
            + $"Via: SIP/2.0/UDP 127.0.0.1:{upstreamPort};branch=z9hG4bK-up1\r\nFrom: <sip:a@127.0.0.1>;tag=f1\r\nTo: <sip:b@127.0.0.1>;tag=t1\r\n"
            + (withCallId ? "Call-ID: relay-1@127.0.0.1\r\n" : string.Empty) + "CSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
        var proxy = new IPEndPoint(IPAddress.Loopback, sipPort);
        var metrics = server.GetRequiredService<ProxyMetrics>();

        await upstream.SendAsync(Encoding.ASCII.GetBytes(Response(withCallId: false)), proxy);
        var dropped = await TryReceiveAsync(upstream, TimeSpan.FromSeconds(1));
        dropped.Should().BeNull("a response without Call-ID is not relayed");
        metrics.DroppedResponses.Should().Be(1);

        await upstream.SendAsync(Encoding.ASCII.GetBytes(Response(withCallId: true)), proxy);
        var relayed = await ReceiveAsync(upstream, TimeSpan.FromSeconds(5));
        relayed.Should().StartWith("SIP/2.0 486 Busy Here\r\n").And.Contain("Call-ID: relay-1@127.0.0.1").And.NotContain("z9hG4bKacsp", "the proxy pops its own Via");
        metrics.DroppedResponses.Should().Be(1);
    }

    public void Dispose() => _workspace.Dispose();

    private static Dictionary<string, string?> Settings(int sipPort, string target) => new()
    {
        ["SipProxy:ListenAddress"] = "127.0.0.1",
        ["SipProxy:SipPort"] = Port(sipPort),
        ["SipProxy:PbxCorePort"] = "0",
        ["Routing:AlwaysConnected:Enabled"] = "false",
        ["Routing:DialPlan:Rules:0:Name"] = "to-next-hops",
        ["Routing:DialPlan:Rules:0:Matching:0"] = "$request = ^INVITE",
        ["Routing:DialPlan:Rules:0:Deploy:0"] = $"$target = {target}",
    };

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static string CallId(string log)
    {
        var match = System.Text.RegularExpressions.Regex.Match(log, @"HOP-RECEIVED INVITE call-id=(\S+)");
        match.Success.Should().BeTrue($"the hop must log the INVITE it received: {log}");
        return match.Groups[1].Value;
    }

    private static async Task<string> ReceiveAsync(UdpClient socket, TimeSpan timeout) =>
        await TryReceiveAsync(socket, timeout) ?? throw new TimeoutException($"nothing received within {timeout}");

    private static async Task<string?> TryReceiveAsync(UdpClient socket, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            var result = await socket.ReceiveAsync(cts.Token);
            return Encoding.UTF8.GetString(result.Buffer);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private static List<string> Drain(UdpClient socket)
    {
        var messages = new List<string>();
        while (socket.Available > 0)
        {
            IPEndPoint? from = null;
            messages.Add(Encoding.UTF8.GetString(socket.Receive(ref from)));
        }

        return messages;
    }

    private Task ExpectSuccessAsync(Sipp sipp, string role) => _workspace.ExpectSuccessAsync(sipp, role, CallTimeout, "must complete its call");
}
