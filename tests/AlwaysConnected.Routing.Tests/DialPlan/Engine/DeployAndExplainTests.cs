using System.Net;
using System.Text;
using AlwaysConnected.Routing.DialPlan;
using AlwaysConnected.Routing.Services;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Tests.Support;
using static AlwaysConnected.Routing.Tests.DialPlan.Engine.DialPlanHarness;

namespace AlwaysConnected.Routing.Tests.DialPlan.Engine;

/// <summary>Deploy semantics the documentation promises, and the content of an explain trace.</summary>
public class DeployAndExplainTests
{
    [Fact]
    public void Replaceurl_false_changes_only_the_next_hop()
    {
        var decision = Evaluate(Compile("[Rule r]\n[Matching Patterns]\n$request = ^INVITE\n[Deploy Patterns]\nTo = sip:9%{$getSIPuser(To)}@gw.example.net:5080\n$replaceurl = false\n"), Invite());
        decision.Outcome.Should().Be(RoutingOutcome.Forward);
        decision.GetTargetString().Should().Be("gw.example.net:5080");
        decision.HasRequestUri.Should().BeFalse();
        decision.HeaderEditCount.Should().Be(0);
    }

    [Fact]
    public void Target_overrides_the_host_of_to_which_still_rewrites_the_uris()
    {
        var decision = Evaluate(Compile("[Rule r]\n[Matching Patterns]\n$request = ^INVITE\n[Deploy Patterns]\n$target = 10.0.0.5:5060;transport=tcp\nTo = sip:1000@itsp.example.net\n"), Invite());
        decision.GetTargetString().Should().Be("10.0.0.5:5060;transport=tcp");
        decision.GetRequestUriString().Should().Be("sip:1000@itsp.example.net");
        var written = Write(Invite(), decision);
        written.Should().Contain("\r\nTo: <sip:1000@itsp.example.net>\r\n");
    }

    [Fact]
    public void To_with_an_empty_host_routes_to_the_registered_contact_or_answers_the_configured_status()
    {
        var registrar = new InMemorySipRegistrar();
        registrar.Register("1000", "sip:1000@192.168.5.20:5062");
        var rules = "[Rule r]\n[Matching Patterns]\n$getSIPuser(To) = (.+)\n[Deploy Patterns]\nTo = sip:%1@\n";
        var decision = Evaluate(Compile(rules), Invite(), new RoutingServices { Registrar = registrar });
        decision.Outcome.Should().Be(RoutingOutcome.Forward);
        decision.GetRequestUriString().Should().Be("sip:1000@192.168.5.20:5062");
        decision.GetTargetString().Should().Be("192.168.5.20:5062");

        var unregistered = Evaluate(Compile(rules), Invite(("To", "<sip:2000@pbx.example.com>")), new RoutingServices { Registrar = registrar });
        unregistered.Outcome.Should().Be(RoutingOutcome.Reject);
        unregistered.StatusCode.Should().Be(404);

        var with480 = Evaluate(Compile(rules, new DialPlanOptions { UnregisteredUserStatus = 480 }), Invite(("To", "<sip:2000@pbx.example.com>")), new RoutingServices { Registrar = registrar });
        with480.StatusCode.Should().Be(480);
        with480.ReasonPhrase.Should().Be("Temporarily Unavailable");
    }

    [Fact]
    public void Block_answers_403_and_adds_the_source_to_the_block_list()
    {
        var blockList = new InMemoryBlockList();
        var decision = Evaluate(Compile("[Rule r]\n[Matching Patterns]\nUser-Agent = friendly-scanner\n[Deploy Patterns]\n$action = block\n"),
            Invite(("User-Agent", "friendly-scanner")), new RoutingServices { BlockList = blockList });
        decision.Outcome.Should().Be(RoutingOutcome.Block);
        decision.StatusCode.Should().Be(403);
        blockList.IsBlocked(Remote.Address).Should().BeTrue();
    }

    [Fact]
    public void Continue_accumulates_and_a_later_assignment_overwrites_an_earlier_one()
    {
        var decision = Evaluate(Compile(
            "[Rule a]\n[Matching Patterns]\n$request = ^INVITE\n[Deploy Patterns]\nX-A = first\n$nat = true\n$target = gw1\n$continue = true\n" +
            "[Rule b]\n[Matching Patterns]\nX-A = ^first$\n[Deploy Patterns]\nX-A = second\n$target = gw2\n" +
            "[Rule c]\n[Matching Patterns]\n$request = .\n[Deploy Patterns]\nX-C = never\n"), Invite());
        decision.AppliedRules.Should().Equal("a", "b");
        Header(decision, "X-A").Should().Be("second");
        decision.GetTargetString().Should().Be("gw2");
        decision.TryGetVariable("$NAT", out var nat).Should().BeTrue();
        Encoding.UTF8.GetString(nat).Should().Be("true");
    }

    [Fact]
    public void Deploy_values_read_the_request_as_it_stood_before_the_rule()
    {
        var decision = Evaluate(Compile("[Rule r]\n[Matching Patterns]\n$request = .\n[Deploy Patterns]\nX-A = ;v=new\nX-B = %{$param(X-A, \"v\")}\n"), Invite(("X-A", ";v=old")));
        Header(decision, "X-B").Should().Be("old");
    }

    [Fact]
    public void A_group_that_did_not_take_part_is_empty()
    {
        var decision = Evaluate(Compile("[Rule r]\n[Matching Patterns]\n$getSIPuser(To) = ^(\\+)?([0-9]+)$\n[Deploy Patterns]\nX-N = [%1][%2]\n"), Invite());
        Header(decision, "X-N").Should().Be("[][1000]");
    }

    [Fact]
    public void In_dialog_requests_ack_and_cancel_are_skipped_by_default()
    {
        var plan = Compile("[Rule r]\n[Matching Patterns]\n$request = .\n[Deploy Patterns]\n$target = gw\n");
        Evaluate(plan, Invite(("To", "<sip:1000@pbx>;tag=b1"))).Outcome.Should().Be(RoutingOutcome.NoMatch);
        Evaluate(plan, TestRequest.Build("ACK", "sip:1000@pbx", [])).Outcome.Should().Be(RoutingOutcome.NoMatch);
        Evaluate(plan, TestRequest.Build("BYE", "sip:1000@pbx", [("To", "<sip:1000@pbx>;tag=b1")])).Outcome.Should().Be(RoutingOutcome.NoMatch);
        Evaluate(plan, TestRequest.Build("OPTIONS", "sip:1000@pbx", [])).Outcome.Should().Be(RoutingOutcome.Forward);
        var all = Compile("[Rule r]\n[Matching Patterns]\n$request = .\n[Deploy Patterns]\n$target = gw\n", new DialPlanOptions { EvaluateInDialogRequests = true });
        Evaluate(all, TestRequest.Build("ACK", "sip:1000@pbx", [])).Outcome.Should().Be(RoutingOutcome.Forward);
    }

    [Fact]
    public void Explain_records_every_rule_tried_each_line_value_and_the_captures()
    {
        var plan = Compile(
            "[Preliminary Rule spoof]\n[Matching Patterns]\n$request = ^INVITE\n$localhost = ^false\nX-PBX-Param = ^pin$\n[Deploy Patterns]\n$action = 603\n" +
            "[Rule off]\ndisabled = true\n[Matching Patterns]\n$request = .\n" +
            "[Rule absent]\n[Matching Patterns]\nP-Absent = .\n" +
            "[Rule route]\n[Matching Patterns]\nP-Absent = !.\n$geturi(To) = sip:([0-9]+)@([a-z.]+)\n[Deploy Patterns]\n$target = gw\n" +
            "[Rule later]\n[Matching Patterns]\n$request = .\n");
        var index = new SipMessageIndex();
        var message = ParsedRequest.Parse(Invite(), index);
        var decision = new RoutingDecision();
        var trace = plan.Explain(message, new RoutingContext(Remote), DialPlanHarness.Services(), decision);

        decision.Outcome.Should().Be(RoutingOutcome.Forward);
        trace.Stage.Should().Be(RoutingStage.DialPlan);
        trace.Skipped.Should().BeNull();
        trace.Candidates.Select(r => (r.Name, r.IsPreliminary, r.Disabled, r.Matched)).Should().Equal(
            ("spoof", true, false, false), ("off", false, true, false), ("absent", false, false, false), ("route", false, false, true));
        trace.Selected.Should().BeSameAs(trace.Candidates[3], "the last rule that matched decided");
        trace.Candidates.Should().OnlyContain(r => r.Route == null && r.Number == null && r.Priority == null && r.Note == null);
        trace.Candidates[0].Conditions.Should().BeEquivalentTo(
            new[] { new { Value = (string?)"INVITE sip:1000@pbx.example.com:5070 SIP/2.0", Matched = true }, new { Value = (string?)"false", Matched = true }, new { Value = (string?)null, Matched = false } },
            o => o.WithStrictOrdering(), "the source is not local and X-PBX-Param is absent");
        trace.Candidates[1].Conditions.Should().BeEmpty();
        trace.Candidates[2].Conditions.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Name = "P-Absent = .", Pattern = ".", Value = (string?)null, Matched = false });
        trace.Candidates[3].Conditions[0].Should().BeEquivalentTo(new { Pattern = "!.", Value = (string?)null, Matched = true }, "a negated line holds for an absent header");
        trace.Candidates[3].Conditions[1].Value.Should().Be("sip:1000@pbx.example.com:5070;user=phone");
        trace.Candidates[3].Captures.Should().Equal(new[] { new KeyValuePair<string, string?>("%1", "1000"), new KeyValuePair<string, string?>("%2", "pbx.example.com") });
        trace.Candidates.Take(3).Should().OnlyContain(r => r.Captures.Count == 0, "only a matched rule offers captures");
    }

    [Fact]
    public void Explain_says_why_a_request_was_not_evaluated()
    {
        var plan = Compile("[Rule r]\n[Matching Patterns]\n$request = .\n");
        var index = new SipMessageIndex();
        var message = ParsedRequest.Parse(Invite(("To", "<sip:1000@pbx>;tag=b1")), index);
        var trace = plan.Explain(message, new RoutingContext(IPEndPoint.Parse("192.0.2.1:5060")), DialPlanHarness.Services(), new RoutingDecision());
        trace.Candidates.Should().BeEmpty();
        trace.Selected.Should().BeNull();
        trace.Skipped.Should().Contain("In-dialog");
    }
}
