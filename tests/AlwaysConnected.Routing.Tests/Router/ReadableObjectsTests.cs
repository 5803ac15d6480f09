using AlwaysConnected.Routing.Tests.Support;

namespace AlwaysConnected.Routing.Tests.Router;

/// <summary>What a decision and a model print in a log line or the debugger.</summary>
public class ReadableObjectsTests
{
    private static readonly SipRouter Router = new SipRouterBuilder()
        .AddDialPlanText("""
            [Preliminary Rule anti-spoofing]
            [Matching Patterns] $request = ^INVITE $localhost = ^false X-PBX-Param = ^pin$ [Deploy Patterns] $action = 603

            [Rule to-pbx-core]
            [Matching Patterns]
            $request = ^INVITE
            $localhost = ^true
            $port = ^5056$
            [Deploy Patterns]
            $target=127.0.0.1:5052
            """)
        .AddArsText("""
            [Route itsp]
            Patterns - OUT [Matching Patterns] To: sip:([0-9]{10,20})@ [Deploy Patterns] Target: itsp.example.net:5060
            """)
        .Build();

    [Fact]
    public void A_forward_names_the_outcome_stage_rule_target_and_version()
    {
        var decision = Decide(SeedMessages.FromMediaServer);

        decision.ToString().Should().Be("Forward by DialPlan, rule 'to-pbx-core', target 127.0.0.1:5052 (version 1)");
    }

    [Fact]
    public void A_reject_names_the_status_and_reason()
    {
        var decision = Decide(SeedMessages.FromOutside);

        decision.ToString().Should().Be("Reject by DialPlan, rule 'anti-spoofing', status 603 Decline (version 1)");
    }

    [Fact]
    public void No_match_says_so()
    {
        var decision = Decide(new RoutingContext(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 5999)));

        decision.ToString().Should().StartWith("NoMatch");
        new RoutingDecision().ToString().Should().Be("NoMatch");
    }

    [Fact]
    public void A_model_lists_its_counts_and_names()
    {
        Router.Model.ToString().Should().Be("dial plan: 1 preliminary rule (anti-spoofing), 1 rule (to-pbx-core); ARS: 1 route (itsp)");
        RoutingModel.Empty.ToString().Should().Be("dial plan: 0 preliminary rules, 0 rules; ARS: 0 routes");
    }

    private static RoutingDecision Decide(RoutingContext context)
    {
        var index = new AlwaysConnected.Routing.Sip.SipMessageIndex();
        var message = ParsedRequest.Parse(SeedMessages.MediaServerInvite(), index);
        var decision = new RoutingDecision();
        Router.Route(message, context, decision);
        return decision;
    }
}
