using AlwaysConnected.Routing.DialPlan;
using AlwaysConnected.Routing.DialPlan.Text;
using static AlwaysConnected.Routing.Tests.DialPlan.Text.DialPlanTestData;

namespace AlwaysConnected.Routing.Tests.DialPlan.Text;

/// <summary>Every rule and rule line quoted in the vendor notes (TestData/dialplan/reference-examples.txt).</summary>
public class ReferenceExamplesTests
{
    private static readonly DialPlanDefinition Examples = DialPlanTextReader.Parse(Read("reference-examples.txt"));

    [Fact]
    public void Every_example_rule_is_read()
    {
        var text = Read("reference-examples.txt");
        var headers = text.Split('\n').Count(line => line.StartsWith("[Rule ", StringComparison.Ordinal));

        // One more than the headers: the how-to block at the top has none.
        Examples.Rules.Should().HaveCount(headers + 1);
        Examples.Rules[0].Name.Should().Be("rule-1");
    }

    [Fact]
    public void The_published_how_to_block_reads_with_its_blank_line_between_sections()
    {
        Examples.Rules[0].Should().Be(Rule("rule-1",
            [M("$request", "^INVITE"), M("$addr", "(.+)"), M("$route.underlimit( \"%1\", \"5\" )", "true")],
            [D("$routename", "%1"), D("$continue", "true")]));
    }

    [Fact]
    public void Function_arguments_holding_equals_signs_stay_in_the_name()
    {
        Find("W-fn or").Matching.Should().Equal(
            M("$or(\"$transport=TCP\",\"$addrtype=6\")", "true"),
            M("$or($registered(From),\"From=sip:alice@\" )", "true"));
        Find("W-fn param regUri").Matching[0].Should().Be(M("$param(\"sip:bob@192.168.0.1;expires=3600\",\"expires\")", "^300$"));
    }

    [Fact]
    public void Spacing_variants_and_vendor_typos_are_kept_as_written()
    {
        Find("W-AUTH authentication").Matching.Should().Equal(M("$addr", "192\\.168\\.\\10"), M("$time", "^1[0-7]:"));
        Find("W-NAT source interface").Matching.Should().Equal(M("$ addr", "^192\\.168\\.2\\."));
        Find("W-AVOID and transports").Matching.Should().Contain(M("$transport", "^UDP$"));
        Find("W-REJ rejecting").Matching.Should().Contain(M("Content-Type", "^application/text$"));
    }

    [Fact]
    public void Empty_deploy_values_remove_headers()
    {
        Find("TT header removal").Deploy.Should().Equal(
            D("to", "sip:%1"), D("user-agent", ""), D("from", ""), D("max-forwards", ""));
        Find("BKP Push Incoming calls").Deploy.Should().Contain(D("X-PBX-EXINFO", ""));
    }

    [Fact]
    public void Values_with_spaces_quotes_and_commas_are_kept_whole()
    {
        Find("TT header removal").Matching[0].Should().Be(M("$request", "INVITE sip:user@host:5060 SIP/2.0"));
        Find("TT gateway prefix").Matching.Should().Contain(M("to", "sip:(.+)@gw1[ >;]*"));
        Find("W-LB load balancing").Deploy.Should().Equal(D("$target", "172.16.10.1, 172.16.10.2, 172.16.10.3"));
        Find("BKP Push Incoming calls").Deploy.Should().Contain(
            D("&pn.notify.custom", "\"user\": \"%5\", \"host\": \"%2\", \"port\": \"%3\", \"tenant\": \"%4\""));
    }

    [Fact]
    public void The_examples_round_trip_through_the_writer()
    {
        DialPlanTextReader.Parse(DialPlanTextWriter.Write(Examples)).Should().Be(Examples);
    }

    [Fact]
    public void Each_example_rule_written_on_one_line_reads_back_to_the_same_rule()
    {
        foreach (var rule in Examples.Rules.Where(CanBeWrittenOnOneLine))
        {
            var oneLine = "[Matching Patterns] " + string.Join(' ', rule.Matching.Select(m => m.ToString()))
                + " [Deploy Patterns] " + string.Join(' ', rule.Deploy.Select(d => d.ToString()));

            var read = DialPlanTextReader.ParseRule(oneLine, rule.Name);

            read.Should().Be(rule, "the one-line text was: {0}", oneLine);
        }
    }

    [Fact]
    public void Most_example_rules_can_be_written_on_one_line()
    {
        // Guards the test above against silently checking nothing.
        Examples.Rules.Count(CanBeWrittenOnOneLine).Should().BeGreaterThan(Examples.Rules.Count - 3);
    }

    // The one-line form cannot carry an empty value before another entry (documented limitation).
    private static bool CanBeWrittenOnOneLine(DialPlanRule rule) =>
        rule.Matching.Take(rule.Matching.Count - 1).All(m => m.Pattern.Length > 0)
        && rule.Deploy.Take(rule.Deploy.Count - 1).All(d => d.Value.Length > 0);

    private static DialPlanRule Find(string name) => Examples.Rules.Single(r => r.Name == name);
}
