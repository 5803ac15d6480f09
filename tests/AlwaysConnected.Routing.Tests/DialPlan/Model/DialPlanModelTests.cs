using AlwaysConnected.Routing.Collections;
using AlwaysConnected.Routing.DialPlan;
using static AlwaysConnected.Routing.Tests.DialPlan.Text.DialPlanTestData;

namespace AlwaysConnected.Routing.Tests.DialPlan.Model;

public class DialPlanModelTests
{
    [Fact]
    public void Lines_print_in_the_text_notation()
    {
        new MatchingLine("$geturi(To)", "sip:(.+)@").ToString().Should().Be("$geturi(To) = sip:(.+)@");
        new DeployLine("X-PBX-Param", "").ToString().Should().Be("X-PBX-Param =");
        new DeployLine("$target", "127.0.0.1:5052").ToString().Should().Be("$target = 127.0.0.1:5052");
    }

    [Fact]
    public void Rules_built_separately_from_equal_parts_are_equal()
    {
        var left = Rule("r", [M("$request", "^INVITE")], [D("$action", "603")], "d", disabled: true);
        var right = new DialPlanRule(
            "r",
            new[] { new MatchingLine("$request", "^INVITE") }.ToEquatableArray(),
            new[] { new DeployLine("$action", "603") }.ToEquatableArray(),
            "d",
            disabled: true);

        left.Should().Be(right);
        left.GetHashCode().Should().Be(right.GetHashCode());
        Plan(left).Should().Be(Plan(right));
    }

    [Fact]
    public void Names_compare_as_written()
    {
        M("To", "x").Should().NotBe(M("to", "x"));
        Rule("R", [M("A", "1")], []).Should().NotBe(Rule("r", [M("A", "1")], []));
    }

    [Fact]
    public void Every_field_takes_part_in_equality()
    {
        var rule = Rule("r", [M("A", "1")], [D("B", "2")]);

        rule.Should().NotBe(Rule("r", [M("A", "1")], [D("B", "2")], description: "d"));
        rule.Should().NotBe(Rule("r", [M("A", "1")], [D("B", "2")], disabled: true));
        rule.Should().NotBe(Rule("r", [M("A", "1")], [D("B", "3")]));
        rule.Should().NotBe(Rule("r", [M("A", "!1")], [D("B", "2")]));
        Plan([rule], []).Should().NotBe(Plan([], [rule]));
    }

    [Fact]
    public void Null_arguments_are_rejected()
    {
        FluentActions.Invoking(() => new MatchingLine(null!, "x")).Should().Throw<ArgumentNullException>().WithParameterName("name");
        FluentActions.Invoking(() => new MatchingLine("X", null!)).Should().Throw<ArgumentNullException>().WithParameterName("pattern");
        FluentActions.Invoking(() => new DeployLine(null!, "x")).Should().Throw<ArgumentNullException>().WithParameterName("name");
        FluentActions.Invoking(() => new DeployLine("X", null!)).Should().Throw<ArgumentNullException>().WithParameterName("value");
        FluentActions.Invoking(() => Rule(null!, [M("A", "1")], [])).Should().Throw<ArgumentNullException>().WithParameterName("name");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" To")]
    [InlineData("To ")]
    [InlineData("X = Y")]
    [InlineData("$f(a")]
    [InlineData("$f)a(")]
    [InlineData("$f(\"a)")]
    [InlineData("[Deploy Patterns]")]
    [InlineData("#To")]
    [InlineData("To\r\nX-Injected: 1")]
    [InlineData("To\0")]
    public void Entry_names_the_notation_cannot_carry_are_rejected(string name)
    {
        FluentActions.Invoking(() => new MatchingLine(name, "x")).Should().Throw<ArgumentException>().WithParameterName("name");
        FluentActions.Invoking(() => new DeployLine(name, "x")).Should().Throw<ArgumentException>().WithParameterName("name");
    }

    [Theory]
    [InlineData(" x")]
    [InlineData("x\t")]
    [InlineData("a\nX-Injected: 1")]
    [InlineData("a\rb")]
    [InlineData("a\0")]
    public void Values_with_surrounding_white_space_or_line_breaks_are_rejected(string value)
    {
        FluentActions.Invoking(() => new MatchingLine("X", value)).Should().Throw<ArgumentException>().WithParameterName("pattern");
        FluentActions.Invoking(() => new DeployLine("X", value)).Should().Throw<ArgumentException>().WithParameterName("value");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" r")]
    [InlineData("a]b")]
    [InlineData("a[b")]
    [InlineData("a\nb")]
    public void Invalid_rule_names_are_rejected(string name)
    {
        FluentActions.Invoking(() => Rule(name, [M("A", "1")], [])).Should().Throw<ArgumentException>().WithParameterName("name");
    }

    [Fact]
    public void A_rule_needs_a_matching_line()
    {
        FluentActions.Invoking(() => Rule("r", [], [D("$action", "603")])).Should().Throw<ArgumentException>().WithParameterName("matching");
        FluentActions.Invoking(() => new DialPlanRule("r", default, EquatableArray<DeployLine>.Empty)).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void A_description_must_be_one_trimmed_line()
    {
        FluentActions.Invoking(() => Rule("r", [M("A", "1")], [], description: "a\nb")).Should().Throw<ArgumentException>().WithParameterName("description");
        FluentActions.Invoking(() => Rule("r", [M("A", "1")], [], description: "a ")).Should().Throw<ArgumentException>().WithParameterName("description");
    }

    [Fact]
    public void Null_entries_in_lists_are_rejected()
    {
        FluentActions.Invoking(() => Rule("r", [M("A", "1"), null!], [])).Should().Throw<ArgumentException>().WithParameterName("matching");
        FluentActions.Invoking(() => Rule("r", [M("A", "1")], [null!])).Should().Throw<ArgumentException>().WithParameterName("deploy");
        FluentActions.Invoking(() => Plan([null!], [])).Should().Throw<ArgumentException>().WithParameterName("preliminary");
    }

    [Fact]
    public void Rule_names_are_unique_across_preliminary_and_regular_rules()
    {
        var rule = Rule("same", [M("A", "1")], []);

        FluentActions.Invoking(() => Plan([rule], [rule])).Should().Throw<ArgumentException>().WithMessage("*'same'*");
        FluentActions.Invoking(() => Plan(rule, rule)).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Names_with_spaces_quotes_and_equals_inside_parentheses_are_kept()
    {
        M("$or(\"$transport=TCP\",\"$addrtype=6\")", "true").Name.Should().Be("$or(\"$transport=TCP\",\"$addrtype=6\")");
        M("$ addr", "x").Name.Should().Be("$ addr");
        Rule("forward to PBX", [M("A", "1")], []).Name.Should().Be("forward to PBX");
    }

    [Fact]
    public void The_empty_dial_plan_has_no_rules()
    {
        DialPlanDefinition.Empty.Preliminary.Should().BeEmpty();
        DialPlanDefinition.Empty.Rules.Should().BeEmpty();
    }
}
