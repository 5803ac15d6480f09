using AlwaysConnected.Routing.DialPlan.Text;

namespace AlwaysConnected.Routing.Tests.DialPlan.Text;

public class ReaderErrorTests
{
    private static IReadOnlyList<DialPlanTextError> ErrorsOf(string text)
    {
        DialPlanTextReader.TryParse(text, out var definition, out var errors).Should().BeFalse();
        definition.Should().BeNull();
        return errors;
    }

    private static void ShouldReport(string text, DialPlanTextErrorCode code, int line, int column, string? rule)
    {
        ErrorsOf(text).Should().ContainSingle().Which.Should().BeEquivalentTo(new { Code = code, Line = line, Column = column, RuleName = rule });
    }

    [Fact]
    public void A_line_before_any_section()
    {
        ShouldReport("# c\n  $request = ^INVITE\n", DialPlanTextErrorCode.LineOutsideSection, 2, 3, null);
    }

    [Fact]
    public void A_line_without_equals()
    {
        ShouldReport("[Matching Patterns]\n$request = ^INVITE\n  $math.range( \"1111\", \"5555\", $getSIPuser(To) )",
            DialPlanTextErrorCode.MissingEquals, 3, 3, "rule-1");
    }

    [Fact]
    public void An_empty_name()
    {
        ShouldReport("[Rule r]\n[Matching Patterns]\n   = ^INVITE", DialPlanTextErrorCode.EmptyName, 3, 4, "r");
    }

    [Fact]
    public void A_closing_parenthesis_without_an_opening_one_in_a_name()
    {
        // The vendor's garbled $sps example.
        ShouldReport("[Matching Patterns]\n$$sps, \"20\") = true", DialPlanTextErrorCode.UnbalancedParentheses, 2, 12, "rule-1");
    }

    [Fact]
    public void An_opening_parenthesis_never_closed_in_a_name()
    {
        ShouldReport("[Matching Patterns]\n$geturi(To = sip:", DialPlanTextErrorCode.UnbalancedParentheses, 2, 8, "rule-1");
    }

    [Fact]
    public void An_unterminated_quote_in_a_name()
    {
        ShouldReport("[Matching Patterns]\n$exist( \"&my.val ) = true", DialPlanTextErrorCode.UnterminatedQuote, 2, 9, "rule-1");
    }

    [Fact]
    public void A_name_starting_with_a_hash_in_the_one_line_form()
    {
        ShouldReport("[Matching Patterns] #x = 1", DialPlanTextErrorCode.InvalidName, 1, 21, "rule-1");
    }

    [Fact]
    public void A_rule_without_matching_lines()
    {
        ShouldReport("[Rule a]\n[Matching Patterns]\nA = 1\n\n[Rule b]\n[Deploy Patterns]\n$action = 603",
            DialPlanTextErrorCode.NoMatchingLines, 5, 1, "b");
    }

    [Fact]
    public void A_deploy_section_without_a_matching_section_is_a_rule_without_matching_lines()
    {
        ShouldReport("[Deploy Patterns]\n$action = 603", DialPlanTextErrorCode.NoMatchingLines, 1, 1, "rule-1");
    }

    [Fact]
    public void A_bad_matching_line_does_not_also_report_a_rule_without_matching_lines()
    {
        ErrorsOf("[Matching Patterns]\nnothing here\n[Deploy Patterns]\nA = 1").Select(e => e.Code)
            .Should().Equal(DialPlanTextErrorCode.MissingEquals);
    }

    [Fact]
    public void An_unknown_section_header()
    {
        ShouldReport("[Matching Patterns]\nA = 1\n  [Deploy Pattern]\nB = 2\nC = 3", DialPlanTextErrorCode.UnknownSection, 3, 3, "rule-1");
    }

    [Fact]
    public void An_unclosed_section_header()
    {
        ShouldReport("[Matching Patterns\nA = 1", DialPlanTextErrorCode.UnknownSection, 1, 1, null);
    }

    [Fact]
    public void A_rule_header_inside_a_one_line_rule()
    {
        ShouldReport("[Matching Patterns] [Rule x] A = 1\nB = 2", DialPlanTextErrorCode.UnknownSection, 1, 21, "rule-1");
    }

    [Fact]
    public void Text_after_a_rule_header()
    {
        ShouldReport("[Rule r] extra\n[Matching Patterns]\nA = 1", DialPlanTextErrorCode.TextAfterHeader, 1, 10, "r");
    }

    [Fact]
    public void A_second_deploy_section_in_one_rule()
    {
        ShouldReport("[Matching Patterns]\nA = 1\n[Deploy Patterns]\nB = 2\n[Deploy Patterns]\nC = 3",
            DialPlanTextErrorCode.DuplicateSection, 5, 1, "rule-1");
    }

    [Fact]
    public void Duplicate_rule_names()
    {
        ShouldReport("[Rule same]\n[Matching Patterns]\nA = 1\n[Preliminary Rule  same ]\n[Matching Patterns]\nB = 2",
            DialPlanTextErrorCode.DuplicateRuleName, 4, 20, "same");
    }

    [Fact]
    public void An_explicit_name_equal_to_a_generated_one()
    {
        ShouldReport("[Matching Patterns]\nA = 1\n[Rule rule-1]\n[Matching Patterns]\nB = 2",
            DialPlanTextErrorCode.DuplicateRuleName, 3, 7, "rule-1");
    }

    [Fact]
    public void A_rule_name_with_a_bracket()
    {
        ShouldReport("[Rule a[1]\n[Matching Patterns]\nA = 1", DialPlanTextErrorCode.InvalidRuleName, 1, 7, "a[1");
    }

    [Fact]
    public void A_missing_matching_header_after_a_rule_header()
    {
        var errors = ErrorsOf("[Rule r]\n$request = ^INVITE\n[Deploy Patterns]\n$action = 603");

        errors.Select(e => (e.Code, e.Line)).Should().Equal(
            (DialPlanTextErrorCode.UnknownRuleAttribute, 2),
            (DialPlanTextErrorCode.NoMatchingLines, 1));
        errors[0].Message.Should().Contain("[Matching Patterns]");
    }

    [Fact]
    public void Rule_attribute_problems()
    {
        var errors = ErrorsOf("[Rule r]\ndisabled = maybe\ndescription = a\ndescription = b\ndisabled\n[Matching Patterns]\nA = 1");

        errors.Select(e => (e.Code, e.Line, e.Column)).Should().Equal(
            (DialPlanTextErrorCode.InvalidRuleAttributeValue, 2, 12),
            (DialPlanTextErrorCode.DuplicateRuleAttribute, 4, 1),
            (DialPlanTextErrorCode.MissingEquals, 5, 1));
    }

    [Fact]
    public void A_nul_character()
    {
        ShouldReport("[Matching Patterns]\nB = 1\nA = x\0y", DialPlanTextErrorCode.InvalidCharacter, 3, 6, "rule-1");
    }

    [Fact]
    public void Every_error_in_the_text_is_reported_in_order()
    {
        const string text = "stray = 1\n[Matching Patterns]\nno equals\n = x\n[Bogus]\nignored line\n[Rule r]\n[Matching Patterns]\n$f(a = b\n[Rule r]\n[Matching Patterns]\nA = 1";

        ErrorsOf(text).Select(e => (e.Code, e.Line)).Should().Equal(
            (DialPlanTextErrorCode.LineOutsideSection, 1),
            (DialPlanTextErrorCode.MissingEquals, 3),
            (DialPlanTextErrorCode.EmptyName, 4),
            (DialPlanTextErrorCode.UnknownSection, 5),
            (DialPlanTextErrorCode.UnbalancedParentheses, 9),
            (DialPlanTextErrorCode.DuplicateRuleName, 10));
    }

    [Fact]
    public void Parse_throws_with_every_error_listed_in_the_message()
    {
        var act = () => DialPlanTextReader.Parse("[Matching Patterns]\nno equals\n[Rule x]\n[Deploy Patterns]\nA = 1");

        var exception = act.Should().Throw<DialPlanSyntaxException>().Which;
        exception.Errors.Should().HaveCount(2);
        exception.Message.Should().Contain("2 errors")
            .And.Contain("line 2, column 1, rule 'rule-1'")
            .And.Contain("line 3, column 1, rule 'x'")
            .And.Contain("NoMatchingLines");
    }

    [Fact]
    public void Null_text_is_an_argument_error()
    {
        var act = () => DialPlanTextReader.Parse(null!);

        act.Should().Throw<ArgumentNullException>();
    }
}
