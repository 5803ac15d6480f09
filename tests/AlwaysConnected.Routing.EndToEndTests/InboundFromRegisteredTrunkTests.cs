using System.Globalization;
using AlwaysConnected.Routing.EndToEndTests.Support;
using Xunit.Abstractions;

namespace AlwaysConnected.Routing.EndToEndTests;

/// <summary>
/// A route that takes inbound calls only from its registered trunk, in the sample's PBX core: a call from the
/// registrar's address is routed on to the trunk, the same call from another loopback address is not. The
/// registrar is named by a host name that the sample's host map resolves, so the router's resolver is the
/// sample's. What the trunk received (and never received) is the evidence.
/// </summary>
public sealed class InboundFromRegisteredTrunkTests(ITestOutputHelper output) : IDisposable
{
    private const string Callee = "0901234567";
    private const string Registrar = "127.0.0.2";
    private const string Stranger = "127.0.0.3";
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);
    private readonly SippWorkspace _workspace = new(output, "acsp-inbound-");

    [SippFact]
    public async Task A_call_from_the_registrars_address_is_routed_and_the_same_call_from_elsewhere_is_not()
    {
        var (pbxPort, trunkPort, registrarPort) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        var registrar = _workspace.Start(["-sf", Sipp.ScenarioPath("registrar-ok-uas.xml"), "-i", Registrar, "-p", Port(registrarPort), "-m", "1", "-nr"], "registrar");
        await Task.Delay(300);
        var server = await ServerHost.StartAsync(Settings(pbxPort, trunkPort, registrarPort));
        var trunk = _workspace.Start(["-sf", Sipp.ScenarioPath("trunk-uas.xml"), "-i", "127.0.0.1", "-p", Port(trunkPort), "-m", "1", "-nr", "-trace_msg"], "trunk");

        try
        {
            // The stranger first: had its call been routed, the trunk would have taken it as its only call.
            await ExpectSuccessAsync(Call("stranger", Stranger, "stranger-uac.xml", pbxPort), "caller from another address (404 expected)");
            await ExpectSuccessAsync(Call("carrier", Registrar, "caller-uac.xml", pbxPort), "caller from the registrar's address");
            await ExpectSuccessAsync(trunk, "trunk");
        }
        finally
        {
            await server.DisposeAsync();
        }

        await ExpectSuccessAsync(registrar, "registrar (registration, then de-registration on stop)");
        _workspace.ReadTraceFiles("*_logs.log", "registrar").Should().Contain($"REG-OK contact=sip:acct@127.0.0.1:{pbxPort}", "the route registered its account from the PBX core");

        var received = _workspace.ReadTraceFiles("*_messages.log", "trunk");
        var invites = _workspace.ReadTraceFiles("*_logs.log", "trunk").Split('\n').Count(line => line.Contains("TRUNK-INVITE", StringComparison.Ordinal));
        invites.Should().Be(1, "only the call from the registrar's address reached the trunk");
        received.Should().Contain("X-Inbound-Route: carrier", "the carrier route's IN block took the call");
        received.Should().Contain($"From: <sip:300@{Registrar}:", "the call that arrived is the registrar's")
            .And.NotContain($"@{Stranger}:", "nothing of the stranger's call arrived");
    }

    public void Dispose() => _workspace.Dispose();

    /// <summary>
    /// The PBX core with two routes: <c>carrier</c> registers with the registrar, takes inbound calls only from
    /// that trunk and marks them; <c>TRUNK</c> sends marked calls on.
    /// </summary>
    private static Dictionary<string, string?> Settings(int pbxPort, int trunkPort, int registrarPort) => new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["SipProxy:ListenAddress"] = "127.0.0.1",
        ["SipProxy:SipPort"] = Port(FreePorts.Next()),
        ["SipProxy:PbxCorePort"] = Port(pbxPort),
        ["SipProxy:EnableTcp"] = "false",
        ["SipProxy:Hosts:carrier.test"] = $"{Registrar}:{registrarPort}",
        ["Routing:AlwaysConnected:Enabled"] = "false",
        ["Routing:Ars:Text"] = $"""
            [Route carrier]
            Inbound Source: registered-trunk
            [Registration]
            Register URI: sip:acct@carrier.test:{registrarPort}
            Patterns - IN 1
            [Matching Patterns]
            To: sip:([0-9]+)@
            [Deploy Patterns]
            Custom: &inbound.route=carrier
            Custom: X-Inbound-Route=carrier

            [Route TRUNK]
            Patterns - OUT 1
            [Matching Patterns]
            To: sip:([0-9]+)@
            Plugin 1: prop
            Param 1: inbound.route
            Return 1: ^carrier$
            [Deploy Patterns]
            To: sip:&t1@127.0.0.1:{trunkPort}
            Target: 127.0.0.1:{trunkPort}
            """,
    };

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private Sipp Call(string name, string address, string scenario, int pbxPort) =>
        _workspace.Start([$"127.0.0.1:{pbxPort}", "-sf", Sipp.ScenarioPath(scenario), "-s", Callee, "-i", address, "-p", Port(FreePorts.Next()), "-m", "1", "-d", "0", "-nr"], name);

    private Task ExpectSuccessAsync(Sipp sipp, string role) => _workspace.ExpectSuccessAsync(sipp, role, CallTimeout, "must end as its scenario says");
}
