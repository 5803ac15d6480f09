using System.Net;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Tests.DialPlan.Engine;
using AlwaysConnected.Routing.Tests.Support;

namespace AlwaysConnected.Routing.Tests.DialPlan.Index;

/// <summary>Request functions computed once per evaluation ($port, $localhost, ...) never leak into the next evaluation.</summary>
public sealed class RequestFunctionCacheTests
{
    [Fact]
    public void A_reused_decision_sees_each_request_s_own_port_and_every_rule_of_a_chain_sees_the_same_one()
    {
        var plan = DialPlanHarness.Compile("""
            [Rule mark]
            [Matching Patterns]
            $port = ^50
            [Deploy Patterns]
            X-Port = %{$port}
            $continue = true

            [Rule media]
            [Matching Patterns]
            $port = ^5056$
            [Deploy Patterns]
            $target = media.example.com

            [Rule other]
            [Matching Patterns]
            $port = ^5060$
            [Deploy Patterns]
            $target = other.example.com
            """);
        var index = new SipMessageIndex();
        var message = ParsedRequest.Parse(DialPlanHarness.Invite(), index);
        var decision = new RoutingDecision();
        var services = DialPlanHarness.Services();

        plan.Evaluate(message, new RoutingContext(IPEndPoint.Parse("127.0.0.1:5056")), services, decision);
        decision.AppliedRules.Should().Equal("mark", "media");
        DialPlanHarness.Header(decision, "X-Port").Should().Be("5056");

        plan.Evaluate(message, new RoutingContext(IPEndPoint.Parse("127.0.0.1:5060")), services, decision);
        decision.AppliedRules.Should().Equal("mark", "other");
        DialPlanHarness.Header(decision, "X-Port").Should().Be("5060");
        decision.GetTargetString().Should().Be("other.example.com");
    }
}
