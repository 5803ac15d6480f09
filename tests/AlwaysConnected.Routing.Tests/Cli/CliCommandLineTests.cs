using System.Text;
using static AlwaysConnected.Routing.Tests.Cli.CliRun;

namespace AlwaysConnected.Routing.Tests.Cli;

/// <summary>The command line an operator types, and each mistake they make: help, version, typos, bad values, LF-saved messages.</summary>
public class CliCommandLineTests
{
    private static readonly string Invite = DataPath("media-server-invite.sip");
    private static readonly string Case1 = DataPath("seed-case1.dialplan.txt");

    [Theory]
    [InlineData("explain", "--help")]
    [InlineData("explain", "-h")]
    [InlineData("validate", "--help")]
    [InlineData("convert", "-h")]
    [InlineData("--help")]
    public void Help_for_every_command_exits_0_and_describes_each_option(params string[] args)
    {
        var run = Of(args);

        run.ExitCode.Should().Be(0);
        run.Stderr.Should().BeEmpty();
        run.Stdout.Should().Contain("Usage:").And.Contain("--help");
        if (args[0] == "explain")
        {
            run.Stdout.Should().Contain("--source <IP:PORT>").And.Contain("IPv6 in brackets")
                .And.Contain("--fix-content-length").And.Contain("--registered <USER=CONTACT-URI>");
        }
    }

    [Fact]
    public void Version_prints_the_tool_version_and_exits_0()
    {
        var run = Of("--version");

        run.ExitCode.Should().Be(0);
        run.Stdout.Trim().Should().MatchRegex(@"^\d+\.\d+\.\d+");
    }

    [Theory]
    [InlineData("--mesage", "--message")]
    [InlineData("--dialpan", "--dialplan")]
    [InlineData("--jsno", "--json")]
    public void A_mistyped_option_is_refused_with_the_option_it_was_meant_to_be(string typed, string meant)
    {
        var run = Of("explain", typed, Invite, "--dialplan", Case1);

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain($"Unrecognized command or argument '{typed}'. Did you mean '{meant}'?");
        run.Stderr.Should().Contain("Run 'sip-route explain --help' for usage.");
    }

    [Fact]
    public void A_mistyped_command_or_validate_flag_gets_a_suggestion_too()
    {
        Of("explian").Stderr.Should().Be("sip-route: Unrecognized command or argument 'explian'. Did you mean 'explain'?\nRun 'sip-route --help' for usage.\n".ReplaceLineEndings());
        Of("validate", "--verbos", Case1).Stderr.Should().StartWith("sip-route validate: Unrecognized command or argument '--verbos'. Did you mean '--verbose'?");
    }

    [Fact]
    public void A_word_near_no_known_name_gets_no_suggestion_and_a_plain_word_is_never_offered_an_option()
    {
        Of("validate", "--zzzzzzzzzz", Case1).Stderr.Should().StartWith("sip-route validate: Unrecognized command or argument '--zzzzzzzzzz'.\n".ReplaceLineEndings());
        Of("frobnicate").Stderr.Should().StartWith("sip-route: Unrecognized command or argument 'frobnicate'.\n".ReplaceLineEndings());
        Of("explain", "--dialpan", Case1, "x").Stderr.Should().Contain("'--dialpan'. Did you mean '--dialplan'?").And.NotContain("'x'. Did you mean");
    }

    [Fact]
    public void No_command_exits_2_and_points_to_the_help()
    {
        var run = Of();

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain("Run 'sip-route --help' for usage.");
    }

    [Theory]
    [InlineData("127.0.0.1", "--source '127.0.0.1' has no port: give IP:PORT, e.g. 127.0.0.1:5060")]
    [InlineData("::1", "--source '::1' reads as an IPv6 address without a port: write the address in brackets, then the port, e.g. [::1]:5060.")]
    [InlineData("::1:5060", "write the address in brackets, then the port")]
    [InlineData("localhost:5060", "--source 'localhost:5060' is not IP:PORT")]
    [InlineData("127.0.0.1:70000", "--source '127.0.0.1:70000' is not IP:PORT")]
    public void Source_needs_an_address_and_a_port(string source, string expected)
    {
        var run = Of("explain", "--message", Invite, "--dialplan", Case1, "--source", source);

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain(expected);
        run.Stdout.Should().BeEmpty();
    }

    [Theory]
    [InlineData("[::1]:5060")]
    [InlineData("127.0.0.1:5056")]
    public void Source_accepts_ipv4_and_bracketed_ipv6_with_a_port(string source)
    {
        Of("explain", "--message", Invite, "--dialplan", Case1, "--source", source, "--json").ExitCode.Should().Be(0);
    }

    [Theory]
    [InlineData(new[] { "--transport", "SCTP" }, "--transport 'SCTP' is not one of UDP, TCP, TLS, WS, WSS.")]
    [InlineData(new[] { "--local", "10.0.0.x" }, "--local '10.0.0.x' is not an IP address.")]
    [InlineData(new[] { "--now", "yesterday" }, "--now 'yesterday' is not a date and time such as 2024-03-15T12:00:00.")]
    [InlineData(new[] { "--property", "novalue" }, "--property 'novalue' is not NAME=VALUE.")]
    [InlineData(new[] { "--registered", "alice" }, "--registered 'alice' is not USER=CONTACT-URI.")]
    public void Bad_values_name_the_option_and_the_shape_expected(string[] option, string expected)
    {
        var run = Of(["explain", "--message", Invite, "--dialplan", Case1, .. option]);

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain($"sip-route explain: {expected}");
    }

    [Fact]
    public void Missing_rules_and_conflicting_rule_options_say_what_to_give()
    {
        Of("explain", "--message", Invite).Stderr.Should().Contain("Give the rules: --dialplan FILE, --ars FILE, or --config FILE.");
        Of("explain", "--message", Invite, "--config", "c.json", "--dialplan", Case1).Stderr.Should().Contain("--config replaces --dialplan and --ars; give one or the other.");
        Of("explain", "--dialplan", Case1).Stderr.Should().Contain("--message");
    }

    [Fact]
    public void Usage_errors_under_json_still_print_one_json_object()
    {
        var run = Of("explain", "--message", Invite, "--dialplan", Case1, "--source", "127.0.0.1", "--json");

        run.ExitCode.Should().Be(2);
        var json = run.Json();
        json.Str("outcome").Should().Be("error");
        json.GetProperty("error").Str("code").Should().Be("usage");
        json.GetProperty("error").Str("message").Should().Contain("has no port");
    }

    [Fact]
    public void A_message_saved_with_lf_and_a_body_keeps_the_body_and_says_how_to_fix_content_length()
    {
        const string body = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
        var crlf = File.ReadAllText(Invite).Replace("Content-Length: 0", $"Content-Type: application/sdp\r\nContent-Length: {body.Length}", StringComparison.Ordinal) + body;
        var path = Path.Combine(Path.GetTempPath(), $"sip-route-{Guid.NewGuid():N}.sip");
        File.WriteAllText(path, crlf.Replace("\r\n", "\n", StringComparison.Ordinal));
        try
        {
            var lfBodyLength = body.Replace("\r\n", "\n", StringComparison.Ordinal).Length;
            var refused = Of("explain", "--message", path, "--dialplan", Case1, "--source", "127.0.0.1:5056");
            refused.ExitCode.Should().Be(3);
            refused.Stdout.Should().Contain($"Error: ContentLengthMismatch: Content-Length is {body.Length} but the body has {lfBodyLength} bytes.")
                .And.Contain("saved with LF line ends").And.Contain($"Set Content-Length: {lfBodyLength}").And.Contain("--fix-content-length");
            refused.Stdout.Should().NotContain("BodyTruncated");

            var fixedRun = Of("explain", "--message", path, "--dialplan", Case1, "--source", "127.0.0.1:5056", "--fix-content-length", "--json");
            fixedRun.ExitCode.Should().Be(0);
            var message = fixedRun.Json().Str("message")!;
            message.Should().Contain($"Content-Length: {lfBodyLength}\r\n");
            message.Should().EndWith("\r\n\r\n" + body.Replace("\r\n", "\n", StringComparison.Ordinal), "the body is kept byte for byte");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_parse_error_is_worded_once()
    {
        var run = Of("explain", "--message", DataPath("malformed.sip"), "--dialplan", Case1);

        run.ExitCode.Should().Be(3);
        var line = run.Stdout.Split('\n').Single(l => l.StartsWith("Error:", StringComparison.Ordinal));
        line.Should().MatchRegex(@"^Error: MissingColon: A header line has no colon; a server would answer 400\. \(byte \d+\)$");
    }

    [Fact]
    public void A_crlf_message_with_a_wrong_content_length_is_the_parser_s_error_worded_once()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sip-route-{Guid.NewGuid():N}.sip");
        File.WriteAllText(path, File.ReadAllText(Invite).Replace("Content-Length: 0", "Content-Length: 20", StringComparison.Ordinal) + "short", Encoding.ASCII);
        try
        {
            var run = Of("explain", "--message", path, "--dialplan", Case1);
            run.ExitCode.Should().Be(3);
            run.Stdout.Should().Contain("Error: BodyTruncated: The body is shorter than Content-Length says; a server would answer 400. (byte ");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
