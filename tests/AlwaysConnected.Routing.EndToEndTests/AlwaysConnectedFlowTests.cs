using System.Diagnostics;
using System.Globalization;
using AlwaysConnected.Routing.EndToEndTests.Support;
using Xunit.Abstractions;

namespace AlwaysConnected.Routing.EndToEndTests;

/// <summary>
/// The seed's flows through the sample server, driven by sipp: the Media Server (sipp UAC on the media
/// server port) calls through the SIP server to the carrier (sipp UAS).
/// </summary>
[Collection(SippFlowsCollection.Name)]
public sealed class AlwaysConnectedFlowTests(ITestOutputHelper output) : IDisposable
{
    private const string ItspDomain = "itsp.example.com";
    private const string Account = "0312345678";
    private const string Callee = "0901234567";
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(20);
    private readonly SippWorkspace _workspace = new(output, "acsp-e2e-");

    [SippFact]
    public async Task Case1_media_server_invite_reaches_the_itsp_rewritten_and_the_call_completes()
    {
        var (sipPort, mediaPort, itspPort) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        await using var server = await ServerHost.StartAsync(Settings(sipPort, mediaPort, itspPort));

        var uas = _workspace.Start(["-sf", Sipp.ScenarioPath("itsp-uas.xml"), "-i", "127.0.0.1", "-p", Port(itspPort), "-m", "1"]);
        var uac = _workspace.Start([$"127.0.0.1:{sipPort}", "-sf", Sipp.ScenarioPath("media-server-uac.xml"), "-s", Callee, "-i", "127.0.0.1", "-p", Port(mediaPort), "-m", "1"]);

        await ExpectSuccessAsync(uac, "media server UAC");
        await ExpectSuccessAsync(uas, "ITSP UAS");
        var received = _workspace.ReadTraceFiles("itsp-uas_*_logs.log");
        received.Should().Contain($"ITSP-RECEIVED ruri=INVITE sip:{Callee}@{ItspDomain} SIP/2.0 ruri_host={ItspDomain} to_host={ItspDomain} from_user={Account} from_host={ItspDomain} marker= ",
            "the carrier must see its own domain in the Request-URI and To, the account at its domain in From, and no X-PBX-Param");
        received.Should().Contain($"ITSP-RECEIVED-TO to=sip:{Callee}@{ItspDomain} ");
    }

    [NetnsFact]
    public async Task Spoofed_invite_from_a_non_local_address_is_declined_603()
    {
        using var ns = new NetworkNamespace();
        var (sipPort, mediaPort, itspPort) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        var settings = Settings(sipPort, mediaPort, itspPort);
        settings["SipProxy:ListenAddress"] = ns.HostAddress;
        await using var server = await ServerHost.StartAsync(settings);

        // Same INVITE, same source port as the Media Server, but from an address that is not the host's.
        var uac = _workspace.Start([$"{ns.HostAddress}:{sipPort}", "-sf", Sipp.ScenarioPath("spoof-uac.xml"), "-s", Callee, "-i", ns.InsideAddress, "-p", Port(mediaPort), "-m", "1"], networkNamespace: ns.Name);
        await ExpectSuccessAsync(uac, "spoofing UAC (expects 603)");
    }

    [SippFact]
    public async Task Case2_pbx_core_answers_the_trunk_challenge_with_credentials_and_the_call_completes()
    {
        var (sipPort, pbxPort, mediaPort, itspPort) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        var settings = Settings(sipPort, mediaPort, itspPort);
        settings["SipProxy:PbxCorePort"] = Port(pbxPort);
        settings["Routing:AlwaysConnected:RequiresAuthentication"] = "true";
        settings["Routing:AlwaysConnected:PbxCoreAddress"] = $"127.0.0.1:{pbxPort}";
        settings["Routing:AlwaysConnected:TrunkTarget"] = $"127.0.0.1:{itspPort}";
        settings["Routing:AlwaysConnected:Password"] = "e2e-secret";

        // The preset's ARS IN route marks the call, its OUT route picks the trunk and carries the credentials.
        await using var server = await ServerHost.StartAsync(settings);

        var uas = _workspace.Start(["-sf", Sipp.ScenarioPath("itsp-auth-uas.xml"), "-i", "127.0.0.1", "-p", Port(itspPort), "-m", "1"]);
        var uac = _workspace.Start([$"127.0.0.1:{sipPort}", "-sf", Sipp.ScenarioPath("media-server-uac.xml"), "-s", Callee, "-i", "127.0.0.1", "-p", Port(mediaPort), "-m", "1"]);

        await ExpectSuccessAsync(uac, "media server UAC");
        await ExpectSuccessAsync(uas, "ITSP UAS with digest authentication");
        var received = _workspace.ReadTraceFiles("itsp-auth-uas_*_logs.log");
        received.Should().Contain("ITSP-CHALLENGED marker= (checked)", "the marker must not reach the carrier, not even on the challenged INVITE");
        received.Should().Contain(
            $"ITSP-RECEIVED ruri=sip:{Callee}@{ItspDomain} to=sip:{Callee}@{ItspDomain} from_user={Account} from_host={ItspDomain} auth_user={Account} auth_valid=true marker= ",
            "the carrier sees its own domain in the Request-URI and To, the account at its domain in From, credentials verifyauth accepts, and no X-PBX-Param");
    }

    [SippFact]
    public async Task Load_2000_calls_at_200_per_second_complete_without_failure()
    {
        var (sipPort, mediaPort, itspPort) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        var settings = Settings(sipPort, mediaPort, itspPort);
        settings["Logging:LogLevel:Default"] = "Warning";
        await using var server = await ServerHost.StartAsync(settings);

        var uas = _workspace.Start(["-sf", Sipp.ScenarioPath("itsp-uas.xml"), "-i", "127.0.0.1", "-p", Port(itspPort), "-m", "2000"]);
        var stopwatch = Stopwatch.StartNew();
        var uac = _workspace.Start([$"127.0.0.1:{sipPort}", "-sf", Sipp.ScenarioPath("media-server-uac.xml"), "-s", Callee, "-i", "127.0.0.1", "-p", Port(mediaPort),
            "-m", "2000", "-r", "200", "-l", "400", "-timeout", "60s",
            // A busy CI machine can delay a response past sipp's default retransmission budget; the
            // server is slow then, not wrong, so the client may retransmit longer before it gives up.
            "-max_invite_retrans", "10", "-max_non_invite_retrans", "10"]);

        await ExpectSuccessAsync(uac, "load UAC", TimeSpan.FromSeconds(70));
        _workspace.Output.WriteLine($"2000 calls in {stopwatch.Elapsed.TotalSeconds:F1} s");
        await ExpectSuccessAsync(uas, "load UAS", TimeSpan.FromSeconds(10));
    }

    public void Dispose() => _workspace.Dispose();

    private static Dictionary<string, string?> Settings(int sipPort, int mediaPort, int itspPort) => new()
    {
        ["SipProxy:ListenAddress"] = "127.0.0.1",
        ["SipProxy:SipPort"] = Port(sipPort),
        ["SipProxy:PbxCorePort"] = "0",
        ["SipProxy:Hosts:" + ItspDomain] = $"127.0.0.1:{itspPort}",
        ["Routing:AlwaysConnected:Enabled"] = "true",
        ["Routing:AlwaysConnected:MediaServerPort"] = Port(mediaPort),
        ["Routing:AlwaysConnected:ItspDomain"] = ItspDomain,
        ["Routing:AlwaysConnected:Account"] = Account,
        ["Routing:AlwaysConnected:RequiresAuthentication"] = "false",
    };

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private Task ExpectSuccessAsync(Sipp sipp, string role, TimeSpan? timeout = null) => _workspace.ExpectSuccessAsync(sipp, role, timeout ?? CallTimeout);
}
