using System.Text;
using static AlwaysConnected.Routing.Tests.Cli.CliRun;

namespace AlwaysConnected.Routing.Tests.Cli;

/// <summary><c>sip-route explain</c> on the seed's rules and the Media Server's INVITE, field for field.</summary>
public class CliExplainTests
{
    private static readonly string Invite = DataPath("media-server-invite.sip");
    private static readonly string Case1 = DataPath("seed-case1.dialplan.txt");
    private static readonly string Case2 = DataPath("seed-case2.dialplan.txt");

    [Fact]
    public void Case_1_from_the_media_server_forwards_to_the_itsp_with_every_contract_field()
    {
        var run = Of("explain", "--message", Invite, "--dialplan", Case1, "--source", "127.0.0.1:5056", "--json");

        run.ExitCode.Should().Be(0);
        var json = run.Json();
        json.FieldNames().Should().Equal(JsonAssertions.ContractFields);
        json.Str("outcome").Should().Be("forward");
        json.Str("stage").Should().Be("dialplan");
        json.Strings("rules").Should().Equal("always-connected-direct");
        json.IsNull("status").Should().BeTrue();
        json.IsNull("reason").Should().BeTrue();
        json.Str("target").Should().Be("itsp.example.net");
        json.Str("requestUri").Should().Be("sip:09012345678@itsp.example.net");
        json.Map("captures").Should().Equal(new Dictionary<string, string?> { ["1"] = "09012345678" });
        json.Map("headers").Should().BeEquivalentTo(new Dictionary<string, string?>
        {
            ["From"] = "\"Agent 101\" <sip:0312345678@itsp.example.net>;tag=ms1",
            ["To"] = "<sip:09012345678@itsp.example.net>",
            ["X-PBX-Param"] = null,
        });
        json.Map("variables").Should().BeEmpty();
        json.Map("environment").Should().BeEmpty();
        json.Map("properties").Should().BeEmpty();
        json.IsNull("error").Should().BeTrue();

        var message = json.Str("message")!;
        message.Should().StartWith("INVITE sip:09012345678@itsp.example.net SIP/2.0\r\n");
        message.Should().Contain("\r\nFrom: \"Agent 101\" <sip:0312345678@itsp.example.net>;tag=ms1\r\n");
        message.Should().Contain("\r\nCall-ID: ms-call-1@127.0.0.1\r\n", "untouched headers are copied");
        message.Should().NotContain("X-PBX-Param");
        message.Should().EndWith("\r\n\r\n");
        message.Replace("\r\n", string.Empty, StringComparison.Ordinal).Should().NotContain("\n", "every line ends in CRLF");
    }

    [Fact]
    public void The_same_invite_from_outside_is_declined_by_the_anti_spoofing_rule()
    {
        var run = Of("explain", "--message", Invite, "--dialplan", Case1, "--source", "203.0.113.9:5060", "--json");

        run.ExitCode.Should().Be(0);
        var json = run.Json();
        json.FieldNames().Should().Equal(JsonAssertions.ContractFields);
        json.Str("outcome").Should().Be("reject");
        json.Str("stage").Should().Be("dialplan");
        json.Strings("rules").Should().Equal("anti-spoofing");
        json.GetProperty("status").GetInt32().Should().Be(603);
        json.Str("reason").Should().Be("Decline");
        json.IsNull("target").Should().BeTrue();
        json.IsNull("requestUri").Should().BeTrue("nothing goes out on a reject");
        json.IsNull("message").Should().BeTrue();
        json.Map("headers").Should().BeEmpty();
        json.Map("captures").Should().BeEmpty();
        json.IsNull("error").Should().BeTrue();
    }

    [Fact]
    public void A_local_request_from_another_port_matches_nothing_and_goes_out_unchanged()
    {
        var run = Of("explain", "--message", Invite, "--dialplan", Case1, "--source", "127.0.0.1:5070", "--json");

        run.ExitCode.Should().Be(0);
        var json = run.Json();
        json.Str("outcome").Should().Be("no-match");
        json.IsNull("stage").Should().BeTrue();
        json.Strings("rules").Should().BeEmpty();
        json.IsNull("target").Should().BeTrue();
        json.Str("requestUri").Should().Be("sip:09012345678@127.0.0.1:5060");
        json.Map("headers").Should().BeEmpty();
        json.Str("message").Should().Be(File.ReadAllText(Invite));
    }

    [Fact]
    public void Case_2_runs_ars_in_and_out_after_the_dial_plan_forwards_to_the_pbx_core()
    {
        var run = Of("explain", "--message", Invite, "--dialplan", Case2, "--ars", DataPath("seed-with-trunk.ars.txt"), "--source", "127.0.0.1:5056", "--json");

        run.ExitCode.Should().Be(0);
        var json = run.Json();
        json.FieldNames().Should().Equal(JsonAssertions.ContractFields);
        json.Str("outcome").Should().Be("forward");
        json.Str("stage").Should().Be("ars-out");
        json.Strings("rules").Should().HaveCount(3).And.StartWith("forward-to-pbx");
        json.Str("target").Should().Be("itsp.example.net:5060");
        json.Str("requestUri").Should().StartWith("sip:09012345678@itsp.example.net");
        json.Map("properties").Should().Contain("action.type", "pin");
        json.Map("captures").Should().ContainKey("t1").WhoseValue.Should().Be("09012345678");
        json.Str("message").Should().Contain("INVITE sip:09012345678@itsp.example.net");
    }

    [Fact]
    public void Case_2_with_the_seeds_unfilled_trunk_selects_the_out_route_but_names_no_target()
    {
        var run = Of("explain", "--message", Invite, "--dialplan", Case2, "--ars", DataPath("seed.ars.txt"), "--source", "127.0.0.1:5056", "--json");

        run.ExitCode.Should().Be(0);
        var json = run.Json();
        json.Map("properties").Should().Contain("action.type", "pin");
        json.Strings("rules").Should().StartWith("forward-to-pbx");
    }

    [Fact]
    public void Case_2_alone_forwards_to_the_pbx_core()
    {
        var run = Of("explain", "--message", Invite, "--dialplan", Case2, "--source", "127.0.0.1:5056", "--json");

        run.ExitCode.Should().Be(0);
        var json = run.Json();
        json.Str("outcome").Should().Be("forward");
        json.Str("target").Should().Be("127.0.0.1:5052");
        json.Str("requestUri").Should().Be("sip:09012345678@127.0.0.1:5060");
        json.Map("headers").Should().BeEmpty("forwarding to the PBX core edits nothing");
    }

    [Fact]
    public void The_clock_transport_registrar_and_properties_come_from_the_command_line()
    {
        string[] common = ["explain", "--message", Invite, "--dialplan", DataPath("registrar-and-time.dialplan.txt"), "--transport", "TCP", "--json"];

        var lunch = Of([.. common, "--now", "2024-03-15T12:30:00", "--registered", "09012345678=sip:09012345678@192.0.2.7:5062", "--property", "action.type=pin"]);

        lunch.ExitCode.Should().Be(0);
        var json = lunch.Json();
        json.Str("outcome").Should().Be("forward");
        json.Strings("rules").Should().Equal("lunchtime", "to-registered-user");
        json.Str("target").Should().Be("192.0.2.7:5062");
        json.Str("requestUri").Should().Be("sip:09012345678@192.0.2.7:5062");
        json.Map("variables").Should().Equal(new Dictionary<string, string?> { ["$nat"] = "true" });
        json.Map("environment").Should().Equal(new Dictionary<string, string?> { ["&region"] = "eu" });
        json.Map("properties").Should().Equal(new Dictionary<string, string?> { ["action.type"] = "pin" });

        var later = Of([.. common, "--now", "2024-03-15T13:30:00"]).Json();
        later.Strings("rules").Should().Equal("to-registered-user");
        later.Map("variables").Should().BeEmpty();
        later.Str("outcome").Should().Be("reject", "the user is not registered");
        later.GetProperty("status").GetInt32().Should().Be(404);
    }

    [Fact]
    public void A_message_that_does_not_parse_is_a_parse_error_with_the_byte_offset_and_exit_code_3()
    {
        var path = DataPath("malformed.sip");
        var run = Of("explain", "--message", path, "--dialplan", Case1, "--json");

        run.ExitCode.Should().Be(3);
        var json = run.Json();
        json.FieldNames().Should().Equal(JsonAssertions.ContractFields);
        json.Str("outcome").Should().Be("parse-error");
        var error = json.GetProperty("error");
        error.Str("code").Should().Be("MissingColon");
        error.Str("message").Should().NotBeNullOrEmpty();
        var text = Encoding.ASCII.GetString(File.ReadAllBytes(path));
        var lineStart = text.IndexOf("From <", StringComparison.Ordinal);
        error.GetProperty("offset").GetInt32().Should().BeInRange(lineStart, text.IndexOf('\r', lineStart));
    }

    [Fact]
    public void A_message_saved_with_lf_line_ends_is_read_as_crlf()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sip-route-{Guid.NewGuid():N}.sip");
        File.WriteAllText(path, File.ReadAllText(Invite).Replace("\r\n", "\n", StringComparison.Ordinal));
        try
        {
            var json = Of("explain", "--message", path, "--dialplan", Case1, "--source", "127.0.0.1:5056", "--json").Json();
            json.Str("outcome").Should().Be("forward");
            json.Str("message").Should().StartWith("INVITE sip:09012345678@itsp.example.net SIP/2.0\r\nVia:");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Without_json_the_explanation_shows_each_rule_each_line_value_captures_and_the_request()
    {
        var run = Of("explain", "--message", Invite, "--dialplan", Case1, "--source", "127.0.0.1:5056");

        run.ExitCode.Should().Be(0);
        var text = run.Stdout;
        text.Should().Contain("Outcome: forward");
        text.Should().Contain("preliminary rule 'anti-spoofing': no match");
        text.Should().Contain("[failed] $localhost = ^false    value: \"true\"");
        text.Should().Contain("rule 'always-connected-direct': MATCHED");
        text.Should().Contain("[held]   $port = ^5056$    value: \"5056\"");
        text.Should().Contain("%1 = \"09012345678\"");
        text.Should().Contain("X-PBX-Param: (removed)");
        text.Should().Contain("Outgoing request:\n  INVITE sip:09012345678@itsp.example.net SIP/2.0");
        text.Should().NotContain("\u001b", "the output has no colour codes");
    }

    [Fact]
    public void Without_json_the_explanation_shows_each_ars_stage_block_by_block_after_the_dial_plan()
    {
        var run = Of("explain", "--message", Invite, "--dialplan", Case2, "--ars", DataPath("seed-with-trunk.ars.txt"), "--source", "127.0.0.1:5056");

        run.ExitCode.Should().Be(0);
        var text = run.Stdout;
        text.Should().Contain("Outcome: forward (decided by ars-out)");
        text.Should().Contain("rule 'forward-to-pbx': MATCHED");
        text.Should().Contain(
            "\nARS IN:\n  block 'itsp IN 1' (priority 100): MATCHED\n" +
            "    [held]   To: sip:(.+)@    value: \"sip:09012345678@127.0.0.1:5060\"\n" +
            "    [held]   Plugin 1 (sipheader X-PBX-Param): ^pin$    value: \"pin\"\n" +
            "    &t1 = \"09012345678\"\n");
        text.Should().Contain("\nARS OUT:\n  block 'itsp OUT 1' (priority 100): MATCHED\n");
        text.IndexOf("Dial plan:", StringComparison.Ordinal).Should().BeLessThan(text.IndexOf("ARS IN:", StringComparison.Ordinal))
            .And.BeGreaterThan(-1);
        text.Should().Contain("Captures of the deciding rule:\n  &t1: 09012345678", "an ARS reference keeps its & sigil");
    }

    [Theory]
    [InlineData("explain", "--message")]
    [InlineData("explain", "--dialplan", "x.txt")]
    [InlineData("explain", "--message", "m.sip")]
    [InlineData("explain", "--message", "m.sip", "--dialplan", "d.txt", "--frobnicate")]
    [InlineData("explain", "--message", "m.sip", "--dialplan", "d.txt", "--transport", "SCTP")]
    [InlineData("explain", "--message", "m.sip", "--config", "c.json", "--dialplan", "d.txt")]
    [InlineData("frobnicate")]
    public void Bad_arguments_exit_with_2_and_say_why(params string[] args)
    {
        var run = Of(args);

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().NotBeEmpty();
    }

    [Fact]
    public void Bad_rules_exit_with_2_and_the_error_names_the_rule_and_line()
    {
        var run = Of("explain", "--message", Invite, "--dialplan", DataPath("syntax-error.dialplan.txt"), "--json");

        run.ExitCode.Should().Be(2);
        var json = run.Json();
        json.Str("outcome").Should().Be("error");
        json.GetProperty("error").Str("code").Should().Be("rules");
        json.GetProperty("error").Str("message").Should().Contain("rule 'no-equals'").And.Contain("line 3");
    }

    [Fact]
    public void Json_configuration_gives_the_same_decision_as_the_text_rules()
    {
        var config = Path.Combine(Path.GetTempPath(), $"sip-route-{Guid.NewGuid():N}.json");
        try
        {
            Of("convert", "--dialplan", Case1, "--out", config).ExitCode.Should().Be(0);
            var fromText = Of("explain", "--message", Invite, "--dialplan", Case1, "--source", "127.0.0.1:5056", "--json").Stdout;
            var fromJson = Of("explain", "--message", Invite, "--config", config, "--source", "127.0.0.1:5056", "--json").Stdout;
            fromJson.Should().Be(fromText);
        }
        finally
        {
            File.Delete(config);
        }
    }
}
