using AlwaysConnected.Routing.DialPlan.Compilation;
using AlwaysConnected.Routing.DialPlan.Text;

namespace AlwaysConnected.Routing.Tests.DialPlan.Engine;

/// <summary>Bad rules are refused at load time with a diagnostic naming the rule, the line and the field.</summary>
public class CompileErrorTests
{
    private static List<RoutingDiagnostic> ErrorsOf(string text)
    {
        var definition = DialPlanTextReader.Parse(text);
        DialPlanCompiler.TryCompile(definition, null, 1, out var plan, out var diagnostics).Should().BeFalse();
        plan.Should().BeNull();
        return diagnostics.Where(d => d.Severity == RoutingDiagnosticSeverity.Error).ToList();
    }

    private static RoutingDiagnostic SingleError(string text) => ErrorsOf(text).Should().ContainSingle().Subject;

    private static string Matching(params string[] lines) =>
        "[Rule first]\n[Matching Patterns]\n$request = ^OPTIONS\n[Rule bad]\n[Matching Patterns]\n" + string.Join("\n", lines) + "\n[Deploy Patterns]\n$target = 192.0.2.1\n";

    private static string Deploy(params string[] lines) =>
        "[Rule bad]\n[Matching Patterns]\n$request = ^INVITE\n$geturi(To) = sip:(.+)@(.+)\n[Deploy Patterns]\n" + string.Join("\n", lines) + "\n";

    [Fact]
    public void Text_the_reader_cannot_read_is_reported_with_line_column_and_rule()
    {
        DialPlanTextReader.TryParse("[Rule r]\n[Matching Patterns]\n$request = ^INVITE\n$geturi(To\n", out _, out var errors).Should().BeFalse();
        errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new { TextLine = 4, Rule = "r" });
    }

    [Fact]
    public void An_unknown_function_names_the_rule_the_line_and_the_function()
    {
        var error = SingleError(Matching("$request = ^INVITE", "$nosuch(To) = x"));
        error.Should().BeEquivalentTo(new { Id = "DP0001", Rule = "bad", Section = "Matching", Line = 2, Field = "name" });
        error.Message.Should().Contain("$nosuch");
    }

    [Fact]
    public void Function_names_are_case_insensitive_so_a_known_name_in_another_case_is_not_unknown()
    {
        DialPlanCompiler.TryCompile(DialPlanTextReader.Parse(Matching("$GETURI(To) = sip:")), null, 1, out _, out _).Should().BeTrue();
    }

    [Theory]
    [InlineData("$geturi(To, From) = x", "takes 1 argument(s), not 2")]
    [InlineData("$geturi() = x", "takes 1 argument(s), not 0")]
    [InlineData("$timerange(\"9:00\") = true", "takes 2 to 3 argument(s), not 1")]
    [InlineData("$if(\"$transport=TCP\", \"a\") = a", "takes 3 argument(s), not 2")]
    [InlineData("$request(To) = x", "takes 0 argument(s), not 1")]
    public void A_wrong_argument_count_is_reported(string line, string message)
    {
        var error = SingleError(Matching(line));
        error.Should().BeEquivalentTo(new { Id = "DP0001", Rule = "bad", Section = "Matching", Line = 1, Field = "name" });
        error.Message.Should().Contain(message);
    }

    [Theory]
    [InlineData("$geturi(To) extra = x", "Unexpected")]
    [InlineData("Bad Header = x", "not a header name")]
    [InlineData("$ = x", "no function name")]
    [InlineData("&my var = x", "not an environment variable name")]
    public void A_malformed_name_is_reported(string line, string message)
    {
        var error = SingleError(Matching("$request = ^INVITE", line));
        error.Should().BeEquivalentTo(new { Id = "DP0001", Rule = "bad", Line = 2, Field = "name" });
        error.Message.Should().Contain(message);
    }

    [Theory]
    [InlineData("To = sip:(.+", "Bad pattern")]
    [InlineData("To = [0-9", "character class")]
    [InlineData("To = a*+", "possessive")]
    [InlineData("To = ^\\d++$", "possessive")]
    [InlineData("To = [a-z&&[^x]]", "intersection")]
    public void A_bad_pattern_is_reported_on_the_pattern_field(string line, string construct)
    {
        var error = SingleError(Matching("$request = ^INVITE", line));
        error.Should().BeEquivalentTo(new { Id = "DP0002", Rule = "bad", Section = "Matching", Line = 2, Field = "pattern" });
        error.Message.Should().Contain(line[5..]).And.Contain(construct);
    }

    [Fact]
    public void A_bad_pattern_inside_an_or_argument_is_reported()
    {
        var error = SingleError(Matching("$or(\"$transport=TCP\", \"To=a*+\") = true"));
        error.Should().BeEquivalentTo(new { Id = "DP0001", Rule = "bad", Line = 1, Field = "name" });
        error.Message.Should().Contain("possessive");
    }

    [Theory]
    [InlineData("To = sip:%3@gw", 1)]
    [InlineData("X-Note = %{3}", 1)]
    [InlineData("X-Note = %1 %2 %9", 1)]
    public void A_reference_to_a_group_that_does_not_exist_is_reported_on_the_deploy_value(string line, int lineNumber)
    {
        var error = SingleError(Deploy(line));
        error.Should().BeEquivalentTo(new { Id = "DP0003", Rule = "bad", Section = "Deploy", Line = lineNumber, Field = "value" });
        error.Message.Should().Contain("the matching lines define 2 group(s)");
    }

    [Fact]
    public void Groups_two_of_two_are_accepted()
    {
        DialPlanCompiler.TryCompile(DialPlanTextReader.Parse(Deploy("To = sip:%1@%2")), null, 1, out _, out _).Should().BeTrue();
    }

    [Fact]
    public void A_matching_line_may_not_use_a_group_of_its_own_or_a_later_line()
    {
        var error = SingleError(Matching("$route.underlimit(\"%1\", \"5\") = true", "$geturi(To) = sip:(.+)@"));
        error.Should().BeEquivalentTo(new { Id = "DP0001", Rule = "bad", Line = 1, Field = "name" });
        error.Message.Should().Contain("%1").And.Contain("0 group(s)");
    }

    [Fact]
    public void A_negated_line_captures_nothing_so_its_groups_cannot_be_referenced()
    {
        var error = SingleError("[Rule bad]\n[Matching Patterns]\nTo = !sip:(.+)@\n[Deploy Patterns]\nX-Note = %1\n");
        error.Should().BeEquivalentTo(new { Id = "DP0003", Line = 1, Field = "value" });
    }

    [Theory]
    [InlineData("$action = abc", "DP0005")]
    [InlineData("$response = block", "DP0005")]
    [InlineData("$action = 99", "DP0005")]
    [InlineData("$target = bad host", "DP0006")]
    [InlineData("$target = gw:99999", "DP0006")]
    [InlineData("To = gateway", "DP0007")]
    [InlineData("$bad name = 1", "DP0004")]
    [InlineData("X Bad = 1", "DP0004")]
    [InlineData("X-Note = %{$nosuch(To)}", "DP0003")]
    [InlineData("X-Note = %{oops}", "DP0003")]
    [InlineData("X-Note = %{1", "DP0003")]
    public void A_bad_deploy_line_is_reported(string line, string code)
    {
        var error = SingleError(Deploy("$continue = true", line));
        error.Should().BeEquivalentTo(new { Id = code, Rule = "bad", Section = "Deploy", Line = 2 });
        error.Field.Should().BeOneOf("name", "value");
    }

    [Fact]
    public void Every_error_is_reported_not_just_the_first_and_the_exception_lists_them()
    {
        var text = "[Rule one]\n[Matching Patterns]\n$nosuch = x\nTo = a*+\n[Rule two]\n[Matching Patterns]\n$request = ^INVITE\n[Deploy Patterns]\nX-A = %1\n";
        ErrorsOf(text).Select(e => (e.Rule, e.Id, e.Line)).Should().Equal(
            ("one", "DP0001", 1), ("one", "DP0002", 2), ("two", "DP0003", 1));

        var thrown = FluentActions.Invoking(() => DialPlanCompiler.Compile(DialPlanTextReader.Parse(text)))
            .Should().Throw<RoutingConfigurationException>().Which;
        thrown.Diagnostics.Count(d => d.Severity == RoutingDiagnosticSeverity.Error).Should().Be(3);
        thrown.Message.Should().Contain("3 error(s)").And.Contain("rule 'one', Matching line 2, pattern").And.Contain("rule 'two', Deploy line 1, value");
    }

    [Fact]
    public void A_pattern_that_needs_backtracking_gets_a_warning_and_simple_ones_a_note()
    {
        var plan = DialPlanHarness.Compile("[Rule r]\n[Matching Patterns]\n$request = ^INVITE\nTo = (a)\\1\n");
        plan.Diagnostics.Should().Contain(d => d.Id == "DP0101" && d.Severity == RoutingDiagnosticSeverity.Warning && d.Line == 2 && d.Field == "pattern");
        plan.Diagnostics.Should().Contain(d => d.Id == "DP0100" && d.Line == 1);
    }
}
