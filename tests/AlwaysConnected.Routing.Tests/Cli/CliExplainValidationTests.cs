using System.Text;
using static AlwaysConnected.Routing.Tests.Cli.CliRun;

namespace AlwaysConnected.Routing.Tests.Cli;

/// <summary><c>sip-route explain</c> reports a request a router refuses before any rule as <c>reject</c> with the router's status.</summary>
public sealed class CliExplainValidationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sip-route-validation-").FullName;

    public static TheoryData<string, string, int, string> Malformed => new()
    {
        { "SIP/2.0\r\nVia", "SIP/3.0\r\nVia", 505, "Version Not Supported (only SIP/2.0 is supported)" },
        { "Call-ID: ms-call-1@127.0.0.1\r\n", string.Empty, 400, "Bad Request (missing Call-ID)" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void The_dial_plan_path_reports_reject_from_validation(string find, string replace, int status, string reason)
    {
        var message = Write(find, replace);

        var run = Of("explain", "--message", message, "--dialplan", DataPath("seed-case1.dialplan.txt"), "--source", "127.0.0.1:5056", "--json");

        run.ExitCode.Should().Be(0);
        var json = run.Json();
        json.FieldNames().Should().Equal(JsonAssertions.ContractFields);
        json.Str("outcome").Should().Be("reject");
        json.Str("stage").Should().Be("validation");
        json.GetProperty("status").GetInt32().Should().Be(status);
        json.Str("reason").Should().Be(reason);
        json.Strings("rules").Should().BeEmpty("no rule runs on a refused request");
        json.IsNull("message").Should().BeTrue("nothing goes out");

        var text = Of("explain", "--message", message, "--dialplan", DataPath("seed-case1.dialplan.txt"), "--source", "127.0.0.1:5056");
        text.Stdout.Should().Contain("Outcome: reject (decided by validation)").And.Contain($"Answer: {status} {reason}");
        text.Stdout.Should().Contain("\nDial plan:\n  not evaluated: refused by validation");
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void The_ars_only_path_reports_it_too(string find, string replace, int status, string reason)
    {
        var run = Of("explain", "--message", Write(find, replace), "--ars", DataPath("seed-with-trunk.ars.txt"), "--source", "127.0.0.1:5060", "--json");

        run.ExitCode.Should().Be(0);
        var json = run.Json();
        json.Str("outcome").Should().Be("reject");
        json.Str("stage").Should().Be("validation");
        json.GetProperty("status").GetInt32().Should().Be(status);
        json.Str("reason").Should().Be(reason);
        json.Map("properties").Should().BeEmpty("ARS IN must not have run");

        var text = Of("explain", "--message", Write(find, replace), "--ars", DataPath("seed-with-trunk.ars.txt"), "--source", "127.0.0.1:5060").Stdout;
        text.Should().Contain("\nARS IN:\n  not evaluated: refused by validation", "the stage that refused it is named");
        text.Should().NotContain("Dial plan:", "no dial plan was given").And.NotContain("ARS OUT:");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string find, string replace)
    {
        var original = File.ReadAllText(DataPath("media-server-invite.sip"));
        original.Should().Contain(find);
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".sip");
        File.WriteAllText(path, original.Replace(find, replace, StringComparison.Ordinal), Encoding.ASCII);
        return path;
    }
}
