using AlwaysConnected.Routing.DialPlan;
using AlwaysConnected.Routing.DialPlan.Text;
using static AlwaysConnected.Routing.Tests.DialPlan.Text.DialPlanTestData;

namespace AlwaysConnected.Routing.Tests.DialPlan.Text;

public class OneLineFormTests
{
    private static DialPlanRule ReadOne(string text) => DialPlanTextReader.ParseRule(text, "r");

    [Fact]
    public void Function_arguments_with_spaces_commas_and_colons_stay_in_the_name()
    {
        var rule = ReadOne("[Matching Patterns] $timerange(9:00, 17:00) = ^true $geturi(To) = sip:(.+)@ [Deploy Patterns] $target = 10.0.0.1");

        rule.Matching.Should().Equal(M("$timerange(9:00, 17:00)", "^true"), M("$geturi(To)", "sip:(.+)@"));
        rule.Deploy.Should().Equal(D("$target", "10.0.0.1"));
    }

    [Fact]
    public void An_equals_sign_in_the_first_word_of_a_value_belongs_to_the_value()
    {
        var rule = ReadOne("[Matching Patterns] X = a=b Y = c [Deploy Patterns] Z=1");

        rule.Matching.Should().Equal(M("X", "a=b"), M("Y", "c"));
        rule.Deploy.Should().Equal(D("Z", "1"));
    }

    [Fact]
    public void Entries_without_spaces_around_the_equals_sign_are_split()
    {
        var rule = ReadOne("[Matching Patterns] $request=^INVITE $addr=192\\.168\\. [Deploy Patterns] $action=603 $continue=true");

        rule.Matching.Should().Equal(M("$request", "^INVITE"), M("$addr", "192\\.168\\."));
        rule.Deploy.Should().Equal(D("$action", "603"), D("$continue", "true"));
    }

    [Fact]
    public void A_value_with_spaces_continues_until_the_next_name_and_equals_sign()
    {
        var rule = ReadOne("[Matching Patterns] $request = INVITE sip:user@host:5060 SIP/2.0 To = sip:admin@ [Deploy Patterns] $session = failover sip:101@192.168.0.101 sip:102@192.168.0.102");

        rule.Matching.Should().Equal(M("$request", "INVITE sip:user@host:5060 SIP/2.0"), M("To", "sip:admin@"));
        rule.Deploy.Should().Equal(D("$session", "failover sip:101@192.168.0.101 sip:102@192.168.0.102"));
    }

    [Fact]
    public void Balanced_parentheses_and_quotes_in_a_value_are_never_split()
    {
        var rule = ReadOne("[Matching Patterns] X = (a b=c) Y = \"d e=f\" [Deploy Patterns] Z = 1");

        rule.Matching.Should().Equal(M("X", "(a b=c)"), M("Y", "\"d e=f\""));
    }

    [Fact]
    public void Unbalanced_parentheses_in_a_value_do_not_swallow_the_rest_of_the_line()
    {
        var rule = ReadOne("[Matching Patterns] X = a\\) b( $request = ^INVITE [Deploy Patterns] Z = 1");

        rule.Matching.Should().Equal(M("X", "a\\) b("), M("$request", "^INVITE"));
    }

    [Fact]
    public void Functions_with_quoted_equals_signs_and_environment_variables_start_entries()
    {
        var rule = ReadOne("[Matching Patterns] $request = ^INVITE $or(\"$transport=TCP\",\"$addrtype=6\") = true &pn.notify.user = (.+) [Deploy Patterns] &my.val = 1 $continue = true");

        rule.Matching.Should().Equal(
            M("$request", "^INVITE"),
            M("$or(\"$transport=TCP\",\"$addrtype=6\")", "true"),
            M("&pn.notify.user", "(.+)"));
        rule.Deploy.Should().Equal(D("&my.val", "1"), D("$continue", "true"));
    }

    [Fact]
    public void A_negated_pattern_keeps_its_exclamation_mark()
    {
        var rule = ReadOne("[Matching Patterns] $localhost = !^true User-Agent = !friendly [Deploy Patterns] $action = 403");

        rule.Matching.Should().Equal(M("$localhost", "!^true"), M("User-Agent", "!friendly"));
    }

    [Fact]
    public void An_empty_value_at_the_end_of_a_section_removes_the_header()
    {
        var rule = ReadOne("[Matching Patterns] $request = ^INVITE [Deploy Patterns] $target = 10.0.0.1 X-PBX-Param =");

        rule.Deploy.Should().Equal(D("$target", "10.0.0.1"), D("X-PBX-Param", ""));
    }

    [Fact]
    public void An_empty_value_right_before_the_deploy_header_is_empty()
    {
        var rule = ReadOne("[Matching Patterns] X-Anything = [Deploy Patterns] $action = 200");

        rule.Matching.Should().Equal(M("X-Anything", ""));
        rule.Deploy.Should().Equal(D("$action", "200"));
    }

    [Fact]
    public void Known_ambiguity_an_empty_value_before_another_entry_takes_that_entry_as_its_value()
    {
        // Documented in docs/dialplan-notation.md: the first word of a value never starts an entry.
        var rule = ReadOne("[Matching Patterns] $request = ^INVITE [Deploy Patterns] X-PBX-Param = $continue = true");

        rule.Deploy.Should().Equal(D("X-PBX-Param", "$continue = true"));
    }

    [Fact]
    public void Known_ambiguity_a_value_with_a_name_and_equals_sign_after_a_space_is_split()
    {
        var rule = ReadOne("[Matching Patterns] User-Agent = Foo Bar=1 [Deploy Patterns] $action = 403");

        rule.Matching.Should().Equal(M("User-Agent", "Foo"), M("Bar", "1"));
    }

    [Fact]
    public void Sections_may_be_split_across_lines_and_headers_are_case_insensitive()
    {
        var rule = ReadOne("[matching  patterns] $request = ^INVITE $port = ^5056$\n[DEPLOY PATTERNS] $target = 127.0.0.1:5052");

        rule.Matching.Should().Equal(M("$request", "^INVITE"), M("$port", "^5056$"));
        rule.Deploy.Should().Equal(D("$target", "127.0.0.1:5052"));
    }

    [Fact]
    public void Block_lines_may_follow_a_one_line_section()
    {
        var rule = ReadOne("[Matching Patterns] $request = ^INVITE\n$port = ^5056$\n[Deploy Patterns]\n$action = 603");

        rule.Matching.Should().Equal(M("$request", "^INVITE"), M("$port", "^5056$"));
    }

    [Fact]
    public void Non_breaking_spaces_from_pasted_web_text_separate_entries()
    {
        var rule = ReadOne("[Matching Patterns]\u00a0$request = ^INVITE\u00a0$localhost = ^false [Deploy Patterns] $action = 603");

        rule.Matching.Should().Equal(M("$request", "^INVITE"), M("$localhost", "^false"));
    }

    [Fact]
    public void A_one_line_entry_without_equals_is_reported_at_its_column()
    {
        DialPlanTextReader.TryParse("[Matching Patterns] $request = ^INVITE [Deploy Patterns] junk", out _, out var errors)
            .Should().BeFalse();

        errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            TextLine = 1,
            TextColumn = 58,
            Rule = "rule-1",
            Id = RoutingDiagnosticIds.TextMissingEquals,
        });
    }
}
