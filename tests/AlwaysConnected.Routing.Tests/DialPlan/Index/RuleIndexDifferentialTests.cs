using AlwaysConnected.Routing.DialPlan;
using AlwaysConnected.Routing.DialPlan.Compilation;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Tests.DialPlan.Engine;
using AlwaysConnected.Routing.Tests.Support;

namespace AlwaysConnected.Routing.Tests.DialPlan.Index;

/// <summary>The index is an optimisation only: indexed and rule-by-rule evaluation decide identically.</summary>
public sealed class RuleIndexDifferentialTests
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 20)]
    [InlineData(3, 60)]
    [InlineData(4, 200)]
    [InlineData(5, 120)]
    [InlineData(6, 30)]
    public void Random_rule_sets_and_requests_get_the_same_decision_with_and_without_the_index(int seed, int ruleCount)
    {
        var random = new RandomDialPlans(seed);
        var services = DialPlanHarness.Services();
        var options = new DialPlanOptions { EvaluateInDialogRequests = true };
        var matchedSomething = 0;
        var continued = 0;
        for (var p = 0; p < 40; p++)
        {
            var plan = DialPlanCompiler.Compile(random.Plan(ruleCount), options);
            for (var r = 0; r < 25; r++)
            {
                var bytes = random.Request();
                var index = new SipMessageIndex();
                var message = ParsedRequest.Parse(bytes, index);
                var indexed = new RoutingDecision();
                var reference = new RoutingDecision();
                var context = new RoutingContext(DialPlanHarness.Remote);
                plan.Evaluate(message, context, services, indexed);
                plan.EvaluateWithoutIndex(message, context, services, reference);

                DecisionSnapshot.Of(indexed).Should().Be(DecisionSnapshot.Of(reference), $"plan {p} of seed {seed}, request:\n{System.Text.Encoding.UTF8.GetString(bytes)}");
                matchedSomething += reference.AppliedRules.Count > 0 ? 1 : 0;
                continued += reference.AppliedRules.Count > 1 ? 1 : 0;
            }
        }

        // The generator must exercise both sides and $continue chains, or the comparison proves little.
        matchedSomething.Should().BeGreaterThan(100);
        continued.Should().BeGreaterThan(10);
    }
}
