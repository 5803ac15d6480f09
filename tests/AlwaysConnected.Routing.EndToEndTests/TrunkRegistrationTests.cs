using System.Globalization;
using System.Text.RegularExpressions;
using AlwaysConnected.Routing.Ars.Registration;
using AlwaysConnected.Routing.EndToEndTests.Support;
using AlwaysConnected.SipProxy.Registration;
using Xunit.Abstractions;

namespace AlwaysConnected.Routing.EndToEndTests;

/// <summary>
/// The sample server registers an ARS route with the carrier's registrar (sipp UAS): challenge and credentials,
/// refresh timing, recovery from 503 with backoff, de-registration on shutdown.
/// </summary>
[Collection(SippFlowsCollection.Name)]
public sealed partial class TrunkRegistrationTests(ITestOutputHelper output) : IDisposable
{
    private const string Account = "0312345678";
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);
    private readonly SippWorkspace _workspace = new(output, "acsp-reg-", showScenarioLogs: true);

    [SippFact]
    public async Task Route_registers_with_credentials_refreshes_at_its_percentage_of_the_granted_expiry_and_de_registers_on_stop()
    {
        var (sipPort, pbxPort, registrarPort) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        var registrar = _workspace.Start(["-sf", Sipp.ScenarioPath("registrar-uas.xml"), "-i", "127.0.0.1", "-p", Port(registrarPort), "-m", "1", "-trace_msg"]);
        await Task.Delay(300);

        // Expires 10 asked, 6 granted in the Contact's expires parameter: a refresh at 50 % comes after 3 s, not 5 s.
        var server = await ServerHost.StartAsync(Settings(sipPort, pbxPort, registrarPort, expires: 10, update: 50));
        try
        {
            var service = server.GetRequiredService<TrunkRegistrationService>();
            (await WaitUntilAsync(() => _workspace.ReadTraceFiles("registrar-uas_*_logs.log").Contains("REG-REFRESHED", StringComparison.Ordinal), TimeSpan.FromSeconds(15)))
                .Should().BeTrue("the refresh must arrive within the granted 6 s");
            (await WaitUntilAsync(() => service.Registrar!.GetState("carrier")?.Status == TrunkRegistrationStatus.Registered, TimeSpan.FromSeconds(5)))
                .Should().BeTrue();
        }
        finally
        {
            await server.DisposeAsync();
        }

        await ExpectSuccessAsync(registrar, "registrar UAS");
        var log = _workspace.ReadTraceFiles("registrar-uas_*_logs.log");
        log.Should().Contain(
            $"REG-AUTH ruri=sip:127.0.0.1:{registrarPort} to=sip:{Account}@127.0.0.1:{registrarPort} contact=sip:{Account}@127.0.0.1:{pbxPort} expires=10 auth_valid=true",
            "the REGISTER names the registrar's domain, the account, the PBX core's own address, the route's expiry and credentials verifyauth accepts");
        log.Should().Contain("REG-REFRESHED auth_valid=true");
        log.Should().Contain("REG-REMOVED expires=0", "stopping the host de-registers");

        var arrivals = RegisterArrivals("registrar-uas_*_messages.log");
        arrivals.Should().HaveCount(5, "challenge, answer, refresh challenge, refresh answer, de-registration: nothing retransmitted or repeated");
        var refreshAfter = arrivals[2] - arrivals[1];
        _workspace.Output.WriteLine($"refresh {refreshAfter.TotalMilliseconds:F0} ms after the accepted REGISTER");
        refreshAfter.Should().BeGreaterThan(TimeSpan.FromSeconds(2.9)).And.BeLessThan(TimeSpan.FromSeconds(4.5), "50 % of the 6 s granted is 3 s");
    }

    [SippFact]
    public async Task Registrar_answering_503_gets_retries_with_growing_delays_then_the_registration_succeeds()
    {
        var (sipPort, pbxPort, registrarPort) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        var registrar = _workspace.Start(["-sf", Sipp.ScenarioPath("registrar-503-uas.xml"), "-i", "127.0.0.1", "-p", Port(registrarPort), "-m", "1", "-trace_msg"]);
        await Task.Delay(300);
        var settings = Settings(sipPort, pbxPort, registrarPort, expires: 60, update: 90);
        settings["SipProxy:Registration:InitialRetryDelayMilliseconds"] = "600";
        settings["SipProxy:Registration:RetryJitter"] = "0.1";

        var server = await ServerHost.StartAsync(settings);
        try
        {
            var service = server.GetRequiredService<TrunkRegistrationService>();
            (await WaitUntilAsync(() => service.Registrar!.GetState("carrier")?.Status == TrunkRegistrationStatus.Registered, TimeSpan.FromSeconds(15)))
                .Should().BeTrue("the registration succeeds once the registrar is up");
        }
        finally
        {
            await server.DisposeAsync();
        }

        await ExpectSuccessAsync(registrar, "registrar UAS answering 503");
        var log = _workspace.ReadTraceFiles("registrar-503-uas_*_logs.log");
        log.Should().Contain("REG-AFTER-503 auth_valid=true");
        log.Should().Contain("REG-REMOVED expires=0");
        var arrivals = RegisterArrivals("registrar-503-uas_*_messages.log");
        arrivals.Should().HaveCount(5);
        var (first, second) = (arrivals[1] - arrivals[0], arrivals[2] - arrivals[1]);
        _workspace.Output.WriteLine($"retries after {first.TotalMilliseconds:F0} ms and {second.TotalMilliseconds:F0} ms");
        // A loaded machine fires timers late, never early: the lower bounds are exact, the upper ones generous.
        // The second retry's lower bound (1080 ms) exceeds the first's largest delay (660 ms): that is the growth.
        first.Should().BeGreaterThan(TimeSpan.FromMilliseconds(530)).And.BeLessThan(TimeSpan.FromMilliseconds(2000), "the first retry waits 600 ms +-10 %");
        second.Should().BeGreaterThan(TimeSpan.FromMilliseconds(1070)).And.BeLessThan(TimeSpan.FromMilliseconds(3500), "the second waits twice as long (1200 ms +-10 %)");
    }

    public void Dispose() => _workspace.Dispose();

    private static Dictionary<string, string?> Settings(int sipPort, int pbxPort, int registrarPort, int expires, int update) => new()
    {
        ["SipProxy:ListenAddress"] = "127.0.0.1",
        ["SipProxy:SipPort"] = Port(sipPort),
        ["SipProxy:PbxCorePort"] = Port(pbxPort),
        ["SipProxy:EnableTcp"] = "false",
        ["Routing:AlwaysConnected:Enabled"] = "false",
        ["Routing:Ars:Text"] = $"""
            [Route carrier]
            [Registration]
            Register URI: sip:{Account}@127.0.0.1:{registrarPort}
            Expires: {expires}
            Update: {update}
            User: {Account}
            Password: e2e-secret
            """,
    };

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return condition();
    }

    /// <summary>When sipp received each REGISTER, from its message trace's timestamps.</summary>
    private List<TimeSpan> RegisterArrivals(string pattern)
    {
        var arrivals = new List<TimeSpan>();
        foreach (var block in Directory.GetFiles(_workspace.Directory, pattern).SelectMany(f => File.ReadAllText(f).Split("----------------------------------------------- ")))
        {
            var received = block.IndexOf("message received", StringComparison.Ordinal);
            if (received < 0 || !block[received..].Contains("\nREGISTER ", StringComparison.Ordinal))
            {
                continue;
            }

            var time = TimeStamp().Match(block);
            time.Success.Should().BeTrue("each trace entry starts with its time: {0}", block.Length > 80 ? block[..80] : block);
            arrivals.Add(TimeSpan.Parse(time.Groups[1].Value, CultureInfo.InvariantCulture));
        }

        return arrivals;
    }

    private Task ExpectSuccessAsync(Sipp sipp, string role) => _workspace.ExpectSuccessAsync(sipp, role, CallTimeout, "must see its whole scenario");

    [GeneratedRegex(@"^\s*\d{4}-\d{2}-\d{2}\s+(\d{2}:\d{2}:\d{2}\.\d+)")]
    private static partial Regex TimeStamp();
}
