using System.Globalization;
using System.Text;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Tests.DialPlan.Engine;
using AlwaysConnected.Routing.Tests.Support;

namespace AlwaysConnected.Routing.Tests.DialPlan.Index;

/// <summary>Large plans keep the hot path allocation-free, including candidate sets beyond the stack limit.</summary>
public sealed class RuleIndexAllocationTests
{
    [Theory]
    [InlineData(10_000)]
    [InlineData(20_000)]
    public void Evaluating_a_large_indexed_plan_allocates_nothing_once_warm(int ruleCount)
    {
        var text = new StringBuilder();
        for (var i = 0; i < ruleCount; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"[Rule r{i}]\n[Matching Patterns]\n$request = ^INVITE\nTo = ^<sip:{100000 + i}\n[Deploy Patterns]\n$target = gw{i}.example.com\n\n");
        }

        var plan = DialPlanHarness.Compile(text.ToString());
        var last = (100000 + ruleCount - 1).ToString(CultureInfo.InvariantCulture);
        var bytes = TestRequest.Build("INVITE", $"sip:{last}77@pbx.example.com", [("To", $"<sip:{last}77@pbx.example.com>")]);
        var index = new SipMessageIndex();
        var message = ParsedRequest.Parse(bytes, index);
        var services = DialPlanHarness.Services();
        var decision = new RoutingDecision();
        var context = new RoutingContext(DialPlanHarness.Remote);
        var allocated = SteadyStateAllocations.Measure(() => plan.Evaluate(ParsedRequest.View(bytes, index), context, services, decision), warmUp: 10, iterations: 200);
        decision.GetTargetString().Should().Be($"gw{ruleCount - 1}.example.com");
        allocated.Should().Be(0);
    }
}
