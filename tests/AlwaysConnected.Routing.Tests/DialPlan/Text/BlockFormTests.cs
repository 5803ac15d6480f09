using AlwaysConnected.Routing.DialPlan;
using AlwaysConnected.Routing.DialPlan.Text;
using static AlwaysConnected.Routing.Tests.DialPlan.Text.DialPlanTestData;

namespace AlwaysConnected.Routing.Tests.DialPlan.Text;

public class BlockFormTests
{
    [Fact]
    public void Rule_headers_attributes_comments_and_blank_lines()
    {
        const string text = """
            # Always Connected
            [Preliminary Rule anti-spoofing]
            description = Decline INVITEs that pretend to come from the media server
            [Matching Patterns]
            $request = ^INVITE

            $localhost = ^false
            X-PBX-Param = ^pin$
            [Deploy Patterns]
            $action = 603

            [Rule forward to PBX]
            disabled = true
            [Matching Patterns]
              # indented comment
              $request = ^INVITE
            [Deploy Patterns]
            $target=127.0.0.1:5052
            """;

        DialPlanTextReader.Parse(text).Should().Be(Plan(
            [
                Rule("anti-spoofing",
                    [M("$request", "^INVITE"), M("$localhost", "^false"), M("X-PBX-Param", "^pin$")],
                    [D("$action", "603")],
                    description: "Decline INVITEs that pretend to come from the media server"),
            ],
            [
                Rule("forward to PBX", [M("$request", "^INVITE")], [D("$target", "127.0.0.1:5052")], disabled: true),
            ]));
    }

    [Fact]
    public void Unnamed_rules_are_named_after_their_position_among_all_rules()
    {
        const string text = """
            [Matching Patterns]
            A = 1
            [Preliminary Rule first]
            [Matching Patterns]
            B = 2
            [Matching Patterns]
            C = 3
            [Deploy Patterns]
            [Rule]
            [Matching Patterns]
            D = 4
            """;

        var plan = DialPlanTextReader.Parse(text);

        plan.Preliminary.Select(r => r.Name).Should().Equal("first");
        plan.Rules.Select(r => r.Name).Should().Equal("rule-1", "rule-3", "rule-4");
    }

    [Fact]
    public void Preliminary_rules_keep_their_order_apart_from_regular_rules()
    {
        const string text = """
            [Rule r1]
            [Matching Patterns]
            A = 1
            [Preliminary Rule p1]
            [Matching Patterns]
            B = 2
            [Rule r2]
            [Matching Patterns]
            C = 3
            [Preliminary Rule p2]
            [Matching Patterns]
            D = 4
            """;

        var plan = DialPlanTextReader.Parse(text);

        plan.Preliminary.Select(r => r.Name).Should().Equal("p1", "p2");
        plan.Rules.Select(r => r.Name).Should().Equal("r1", "r2");
    }

    [Theory]
    [InlineData("X-PBX-Param: <empty>")]
    [InlineData("X-PBX-Param : <EMPTY>  ")]
    [InlineData("X-PBX-Param =")]
    [InlineData("X-PBX-Param=")]
    [InlineData("  X-PBX-Param   =   ")]
    public void Removal_forms_give_an_empty_value(string line)
    {
        var rule = DialPlanTextReader.ParseRule($"[Matching Patterns]\n$request = ^INVITE\n[Deploy Patterns]\n{line}", "r");

        rule.Deploy.Should().Equal(D("X-PBX-Param", ""));
    }

    [Fact]
    public void The_prose_form_is_only_a_deploy_shorthand()
    {
        DialPlanTextReader.TryParse("[Matching Patterns]\nX-PBX-Param: <empty>", out _, out var errors).Should().BeFalse();

        errors.Should().Contain(e => e.Id == RoutingDiagnosticIds.TextMissingEquals && e.TextLine == 2);
    }

    [Fact]
    public void An_explicit_angle_bracket_empty_value_after_an_equals_sign_is_literal()
    {
        var line = DialPlanTextReader.ParseDeployLine("X-Note = <empty>");

        line.Should().Be(D("X-Note", "<empty>"));
    }

    [Theory]
    [InlineData("$geturi(To) = sip:(.+)@", "$geturi(To)", "sip:(.+)@")]
    [InlineData("  $geturi( To )   =   sip:(.+)@   ", "$geturi( To )", "sip:(.+)@")]
    [InlineData("X = a = b", "X", "a = b")]
    [InlineData("X==b", "X", "=b")]
    [InlineData("$or(\"$transport=TCP\",\"$addrtype=6\") = true", "$or(\"$transport=TCP\",\"$addrtype=6\")", "true")]
    [InlineData("$exist( “&my.val” ) = true", "$exist( “&my.val” )", "true")]
    [InlineData("$f(\"a)\") = x", "$f(\"a)\")", "x")]
    [InlineData("To = !sip:admin@", "To", "!sip:admin@")]
    [InlineData("To =", "To", "")]
    [InlineData("\tUser-Agent\t=\tTEST\t", "User-Agent", "TEST")]
    public void Matching_line_splits_at_the_first_equals_outside_parentheses_and_quotes(string text, string name, string pattern)
    {
        DialPlanTextReader.ParseMatchingLine(text).Should().Be(M(name, pattern));
    }

    [Fact]
    public void Windows_and_old_mac_line_ends_are_accepted()
    {
        var plan = DialPlanTextReader.Parse("[Matching Patterns]\r\nA = 1\rB = 2\r\n[Deploy Patterns]\r\nC = 3\r\n");

        plan.Rules.Should().Equal(Rule("rule-1", [M("A", "1"), M("B", "2")], [D("C", "3")]));
    }

    [Fact]
    public void Text_without_rules_is_the_empty_dial_plan()
    {
        DialPlanTextReader.Parse("").Should().Be(DialPlanDefinition.Empty);
        DialPlanTextReader.Parse("# nothing here\n\n   \n").Should().Be(DialPlanDefinition.Empty);
    }

    [Fact]
    public void A_rule_may_have_no_deploy_lines()
    {
        var rule = DialPlanTextReader.ParseRule("[Matching Patterns]\n$addr = ^10\\.", "allow internal");

        rule.Should().Be(Rule("allow internal", [M("$addr", "^10\\.")], []));
    }

    [Fact]
    public void ParseRule_keeps_a_name_given_in_the_text()
    {
        var rule = DialPlanTextReader.ParseRule("[Rule named]\n[Matching Patterns]\nA = 1", "fallback");

        rule.Name.Should().Be("named");
    }

    [Theory]
    [InlineData("[Matching Patterns]\nA = 1\n[Matching Patterns]\nB = 2", 3)]
    [InlineData("[Preliminary Rule p]\n[Matching Patterns]\nA = 1", 1)]
    [InlineData("# nothing", 1)]
    public void ParseRule_rejects_anything_but_one_regular_rule(string text, int line)
    {
        var act = () => DialPlanTextReader.ParseRule(text, "r");

        act.Should().Throw<RoutingConfigurationException>()
            .Which.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Id = RoutingDiagnosticIds.TextNotASingleRule, TextLine = line });
    }

    [Theory]
    [InlineData("A = 1\nB = 2")]
    [InlineData("[Matching Patterns] A = 1")]
    [InlineData("# A = 1")]
    public void ParseMatchingLine_rejects_anything_but_one_line(string text)
    {
        var act = () => DialPlanTextReader.ParseMatchingLine(text);

        act.Should().Throw<RoutingConfigurationException>()
            .Which.Errors.Should().ContainSingle().Which.Id.Should().Be(RoutingDiagnosticIds.TextNotASingleLine);
    }
}
