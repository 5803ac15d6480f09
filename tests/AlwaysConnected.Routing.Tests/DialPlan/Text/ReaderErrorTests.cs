using AlwaysConnected.Routing.DialPlan.Text;

namespace AlwaysConnected.Routing.Tests.DialPlan.Text;

public class ReaderErrorTests
{
    private static IReadOnlyList<RoutingDiagnostic> ErrorsOf(string text)
    {
        DialPlanTextReader.TryParse(text, out var definition, out var errors).Should().BeFalse();
        definition.Should().BeNull();
        return errors;
    }

    private static void ShouldReport(string text, string id, int line, int column, string? rule)
    {
        ErrorsOf(text).Should().ContainSingle().Which.Should().BeEquivalentTo(new { Id = id, TextLine = line, TextColumn = column, Rule = rule });
    }

    [Fact]
    public void A_line_before_any_section()
    {
        ShouldReport("# c\n  $request = ^INVITE\n", RoutingDiagnosticIds.TextLineOutsideSection, 2, 3, null);
    }

    [Fact]
    public void A_line_without_equals()
    {
        ShouldReport("[Matching Patterns]\n$request = ^INVITE\n  $math.range( \"1111\", \"5555\", $getSIPuser(To) )",
            RoutingDiagnosticIds.TextMissingEquals, 3, 3, "rule-1");
    }

    [Fact]
    public void An_empty_name()
    {
        ShouldReport("[Rule r]\n[Matching Patterns]\n   = ^INVITE", RoutingDiagnosticIds.TextEmptyName, 3, 4, "r");
    }

    [Fact]
    public void A_closing_parenthesis_without_an_opening_one_in_a_name()
    {
        // The vendor's garbled $sps example.
        ShouldReport("[Matching Patterns]\n$$sps, \"20\") = true", RoutingDiagnosticIds.TextUnbalancedParentheses, 2, 12, "rule-1");
    }

    [Fact]
    public void An_opening_parenthesis_never_closed_in_a_name()
    {
        ShouldReport("[Matching Patterns]\n$geturi(To = sip:", RoutingDiagnosticIds.TextUnbalancedParentheses, 2, 8, "rule-1");
    }

    [Fact]
    public void An_unterminated_quote_in_a_name()
    {
        ShouldReport("[Matching Patterns]\n$exist( \"&my.val ) = true", RoutingDiagnosticIds.TextUnterminatedQuote, 2, 9, "rule-1");
    }

    [Fact]
    public void A_name_starting_with_a_hash_in_the_one_line_form()
    {
        ShouldReport("[Matching Patterns] #x = 1", RoutingDiagnosticIds.TextInvalidName, 1, 21, "rule-1");
    }

    [Fact]
    public void A_rule_without_matching_lines()
    {
        ShouldReport("[Rule a]\n[Matching Patterns]\nA = 1\n\n[Rule b]\n[Deploy Patterns]\n$action = 603",
            RoutingDiagnosticIds.TextNoMatchingLines, 5, 1, "b");
    }

    [Fact]
    public void A_deploy_section_without_a_matching_section_is_a_rule_without_matching_lines()
    {
        ShouldReport("[Deploy Patterns]\n$action = 603", RoutingDiagnosticIds.TextNoMatchingLines, 1, 1, "rule-1");
    }

    [Fact]
    public void A_bad_matching_line_does_not_also_report_a_rule_without_matching_lines()
    {
        ErrorsOf("[Matching Patterns]\nnothing here\n[Deploy Patterns]\nA = 1").Select(e => e.Id)
            .Should().Equal(RoutingDiagnosticIds.TextMissingEquals);
    }

    [Fact]
    public void An_unknown_section_header()
    {
        ShouldReport("[Matching Patterns]\nA = 1\n  [Deploy Pattern]\nB = 2\nC = 3", RoutingDiagnosticIds.TextUnknownSection, 3, 3, "rule-1");
    }

    [Fact]
    public void An_unclosed_section_header()
    {
        ShouldReport("[Matching Patterns\nA = 1", RoutingDiagnosticIds.TextUnknownSection, 1, 1, null);
    }

    [Fact]
    public void A_rule_header_inside_a_one_line_rule()
    {
        ShouldReport("[Matching Patterns] [Rule x] A = 1\nB = 2", RoutingDiagnosticIds.TextUnknownSection, 1, 21, "rule-1");
    }

    [Fact]
    public void Text_after_a_rule_header()
    {
        ShouldReport("[Rule r] extra\n[Matching Patterns]\nA = 1", RoutingDiagnosticIds.TextAfterHeader, 1, 10, "r");
    }

    [Fact]
    public void A_second_deploy_section_in_one_rule()
    {
        ShouldReport("[Matching Patterns]\nA = 1\n[Deploy Patterns]\nB = 2\n[Deploy Patterns]\nC = 3",
            RoutingDiagnosticIds.TextDuplicateSection, 5, 1, "rule-1");
    }

    [Fact]
    public void Duplicate_rule_names()
    {
        ShouldReport("[Rule same]\n[Matching Patterns]\nA = 1\n[Preliminary Rule  same ]\n[Matching Patterns]\nB = 2",
            RoutingDiagnosticIds.TextDuplicateRuleName, 4, 20, "same");
    }

    [Fact]
    public void An_explicit_name_equal_to_a_generated_one()
    {
        ShouldReport("[Matching Patterns]\nA = 1\n[Rule rule-1]\n[Matching Patterns]\nB = 2",
            RoutingDiagnosticIds.TextDuplicateRuleName, 3, 7, "rule-1");
    }

    [Fact]
    public void A_rule_name_with_a_bracket()
    {
        ShouldReport("[Rule a[1]\n[Matching Patterns]\nA = 1", RoutingDiagnosticIds.TextInvalidRuleName, 1, 7, "a[1");
    }

    [Fact]
    public void A_missing_matching_header_after_a_rule_header()
    {
        var errors = ErrorsOf("[Rule r]\n$request = ^INVITE\n[Deploy Patterns]\n$action = 603");

        errors.Select(e => (e.Id, e.TextLine)).Should().Equal(
            (RoutingDiagnosticIds.TextUnknownRuleAttribute, 2),
            (RoutingDiagnosticIds.TextNoMatchingLines, 1));
        errors[0].Message.Should().Contain("[Matching Patterns]");
    }

    [Fact]
    public void Rule_attribute_problems()
    {
        var errors = ErrorsOf("[Rule r]\ndisabled = maybe\ndescription = a\ndescription = b\ndisabled\n[Matching Patterns]\nA = 1");

        errors.Select(e => (e.Id, e.TextLine, e.TextColumn)).Should().Equal(
            (RoutingDiagnosticIds.TextInvalidRuleAttributeValue, 2, 12),
            (RoutingDiagnosticIds.TextDuplicateRuleAttribute, 4, 1),
            (RoutingDiagnosticIds.TextMissingEquals, 5, 1));
    }

    [Fact]
    public void A_nul_character()
    {
        ShouldReport("[Matching Patterns]\nB = 1\nA = x\0y", RoutingDiagnosticIds.TextInvalidCharacter, 3, 6, "rule-1");
    }

    [Fact]
    public void Every_error_in_the_text_is_reported_in_order()
    {
        const string text = "stray = 1\n[Matching Patterns]\nno equals\n = x\n[Bogus]\nignored line\n[Rule r]\n[Matching Patterns]\n$f(a = b\n[Rule r]\n[Matching Patterns]\nA = 1";

        ErrorsOf(text).Select(e => (e.Id, e.TextLine)).Should().Equal(
            (RoutingDiagnosticIds.TextLineOutsideSection, 1),
            (RoutingDiagnosticIds.TextMissingEquals, 3),
            (RoutingDiagnosticIds.TextEmptyName, 4),
            (RoutingDiagnosticIds.TextUnknownSection, 5),
            (RoutingDiagnosticIds.TextUnbalancedParentheses, 9),
            (RoutingDiagnosticIds.TextDuplicateRuleName, 10));
    }

    [Fact]
    public void Parse_throws_with_every_error_listed_in_the_message()
    {
        var act = () => DialPlanTextReader.Parse("[Matching Patterns]\nno equals\n[Rule x]\n[Deploy Patterns]\nA = 1");

        var exception = act.Should().Throw<RoutingConfigurationException>().Which;
        exception.Diagnostics.Should().HaveCount(2);
        exception.Message.Should().Contain("2 error(s)")
            .And.Contain("line 2, column 1, rule 'rule-1'")
            .And.Contain("line 3, column 1, rule 'x'")
            .And.Contain(RoutingDiagnosticIds.TextNoMatchingLines);
    }

    [Fact]
    public void Null_text_is_an_argument_error()
    {
        var act = () => DialPlanTextReader.Parse(null!);

        act.Should().Throw<ArgumentNullException>();
    }
}
