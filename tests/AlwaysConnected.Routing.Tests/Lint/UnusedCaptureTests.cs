using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Ars.Text;
using AlwaysConnected.Routing.DialPlan;
using AlwaysConnected.Routing.DialPlan.Text;

namespace AlwaysConnected.Routing.Tests.Lint;

/// <summary>A group that nothing reads is reported once, at the line or field that captures it; a group that is read never is.</summary>
public class UnusedCaptureTests
{
    private const string Rule = "[Rule r]\n[Matching Patterns]\n";

    private const string Route = "[Route r]\nPatterns - OUT\n[Matching Patterns]\n";

    private static List<RoutingDiagnostic> DialPlanWarnings(string text) =>
        new RoutingModel(DialPlanTextReader.Parse(text), ArsDefinition.Empty).Validate()
            .Where(d => d.Id == RoutingDiagnosticIds.UnusedCapture).ToList();

    private static List<RoutingDiagnostic> ArsWarnings(string text) =>
        new RoutingModel(DialPlanDefinition.Empty, ArsTextReader.Parse(text)).Validate()
            .Where(d => d.Id == RoutingDiagnosticIds.ArsUnusedCapture).ToList();

    [Fact]
    public void An_unread_dial_plan_group_is_reported_at_its_line_with_its_number()
    {
        var found = DialPlanWarnings(Rule + "$request = ^INVITE\nTo = sip:(0312)([0-9]+)@\n[Deploy Patterns]\n$target = gw.example:%2");

        found.Should().ContainSingle();
        var warning = found[0];
        warning.Severity.Should().Be(RoutingDiagnosticSeverity.Warning);
        warning.Rule.Should().Be("r");
        warning.Section.Should().Be("Matching");
        warning.Line.Should().Be(2);
        warning.Message.Should().Contain("group 1 (%1)").And.NotContain("%2").And.Contain("(?:");
    }

    [Theory]
    [InlineData("To = sip:([0-9]+)@\n[Deploy Patterns]\nTo = sip:%1@gw.example")]
    [InlineData("To = sip:([0-9]+)@\n[Deploy Patterns]\nX-N = %{1}")]
    [InlineData("To = sip:([0-9]+)@\n$str.lowercase(%1) = ^[0-9]\n[Deploy Patterns]\n$action = 403")]
    [InlineData("To = sip:(?:0312|0313)[0-9]+@\n[Deploy Patterns]\n$action = 403")]
    [InlineData("To = !sip:(0312)\n[Deploy Patterns]\n$action = 403")]
    [InlineData("$request = ^INVITE\n[Deploy Patterns]\n$action = 403")]
    public void A_read_group_a_non_capturing_group_or_a_negated_line_is_not_reported(string lines) =>
        DialPlanWarnings(Rule + lines).Should().BeEmpty();

    [Fact]
    public void Groups_are_numbered_across_lines_as_the_rule_reads_them()
    {
        var found = DialPlanWarnings(Rule + "From = sip:(.+)@\nTo = sip:(.+)@(.+)\n[Deploy Patterns]\nX-A = %1\nX-B = %3");

        found.Should().ContainSingle().Which.Line.Should().Be(2);
        found[0].Message.Should().Contain("group 2 (%2)").And.NotContain("%3)");
    }

    [Fact]
    public void A_disabled_rule_is_not_linted()
    {
        DialPlanWarnings("[Rule r]\ndisabled = true\n[Matching Patterns]\nTo = sip:(.+)@\n[Deploy Patterns]\n$action = 403").Should().BeEmpty();
    }

    [Fact]
    public void An_unread_ars_to_group_is_reported_at_its_block_and_field()
    {
        var found = ArsWarnings(Route + "To: sip:([0-9]+)@\n[Deploy Patterns]\nTarget: gw.example");

        found.Should().ContainSingle();
        found[0].Route.Should().Be("r");
        found[0].Section.Should().Be("OUT 1");
        found[0].Field.Should().Be("To");
        found[0].Message.Should().Contain("group 1 (&t1)");
    }

    [Theory]
    [InlineData("To: sip:([0-9]+)@\n[Deploy Patterns]\nTo: sip:&t1@gw.example")]
    [InlineData("From: sip:(.+)@\n[Deploy Patterns]\nCustom: X-Caller=&f1\nTarget: gw.example")]
    [InlineData("Plugin 1: sipheader\nParam 1: X-Pin\nReturn 1: ^(\\d+)$\n[Deploy Patterns]\nTo: sip:&p1@gw.example")]
    [InlineData("To: sip:(?:0312|0313)[0-9]+@\n[Deploy Patterns]\nTarget: gw.example")]
    public void A_read_ars_group_or_a_non_capturing_group_is_not_reported(string fields) =>
        ArsWarnings(Route + fields).Should().BeEmpty();

    [Fact]
    public void An_unread_return_group_is_reported_with_its_slot()
    {
        var found = ArsWarnings(Route + "To: sip:(.+)@\nPlugin 1: sipheader\nParam 1: X-Pin\nReturn 1: ^(\\d+)$\n[Deploy Patterns]\nTo: sip:&t1@gw.example");

        found.Should().ContainSingle().Which.Field.Should().Be("Return 1");
        found[0].Message.Should().Contain("&p1");
    }
}
