using AlwaysConnected.Routing.DialPlan.Text;
using static AlwaysConnected.Routing.Tests.DialPlan.Text.DialPlanTestData;

namespace AlwaysConnected.Routing.Tests.DialPlan.Text;

/// <summary>The three dial plan rules of the Always Connected recipe, pasted as published.</summary>
public class SeedRulesTests
{
    [Fact]
    public void Case_1_block_form_with_prose_removal_reads_as_written()
    {
        var plan = DialPlanTextReader.Parse(Read("seed-case1.txt"));

        plan.Should().Be(Plan(Rule("rule-1",
            [
                M("$request", "^INVITE"),
                M("$localhost", "^true"),
                M("$port", "^5056$"),
                M("$geturi(To)", "sip:(.+)@"),
            ],
            [
                D("To", "sip:%1@<itsp domain>"),
                D("From", "sip:<account>@itsp domain>"),
                D("X-PBX-Param", ""),
            ])));
    }

    [Fact]
    public void Case_2_forward_rule_reads_as_written()
    {
        var plan = DialPlanTextReader.Parse(Read("seed-case2.txt"));

        plan.Should().Be(Plan(Rule("rule-1",
            [
                M("$request", "^INVITE"),
                M("$localhost", "^true"),
                M("$port", "^5056$"),
            ],
            [
                D("$target", "127.0.0.1:5052"),
            ])));
    }

    [Fact]
    public void One_line_anti_spoofing_rule_is_split_into_its_entries()
    {
        var plan = DialPlanTextReader.Parse(Read("seed-anti-spoofing.txt"));

        plan.Should().Be(Plan(Rule("rule-1",
            [
                M("$request", "^INVITE"),
                M("$localhost", "^false"),
                M("X-PBX-Param", "^pin$"),
            ],
            [
                D("$action", "603"),
            ])));
    }

    [Fact]
    public void The_three_rules_concatenated_become_three_rules_in_order()
    {
        var text = Read("seed-anti-spoofing.txt") + "\n" + Read("seed-case1.txt") + "\n" + Read("seed-case2.txt");

        var plan = DialPlanTextReader.Parse(text);

        plan.Preliminary.Should().BeEmpty();
        plan.Rules.Select(r => r.Name).Should().Equal("rule-1", "rule-2", "rule-3");
        plan.Rules[0].Deploy.Should().Equal(D("$action", "603"));
        plan.Rules[1].Matching.Should().HaveCount(4);
        plan.Rules[2].Deploy.Should().Equal(D("$target", "127.0.0.1:5052"));
    }

    [Theory]
    [InlineData("seed-case1.txt")]
    [InlineData("seed-case2.txt")]
    [InlineData("seed-anti-spoofing.txt")]
    public void Seed_rules_round_trip_through_the_writer(string file)
    {
        var plan = DialPlanTextReader.Parse(Read(file));

        DialPlanTextReader.Parse(DialPlanTextWriter.Write(plan)).Should().Be(plan);
    }
}
