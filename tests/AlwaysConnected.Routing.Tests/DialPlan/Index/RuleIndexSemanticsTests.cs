using AlwaysConnected.Routing.DialPlan;
using AlwaysConnected.Routing.DialPlan.Evaluation.Index;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Tests.DialPlan.Engine;
using AlwaysConnected.Routing.Tests.Support;

namespace AlwaysConnected.Routing.Tests.DialPlan.Index;

/// <summary>What the index keys rules on, and the cases where a stale key would change the decision.</summary>
public sealed class RuleIndexSemanticsTests
{
    [Fact]
    public void A_header_edited_by_a_continuing_rule_is_read_afresh_by_later_rules_keyed_on_it()
    {
        // The request carries X-Route: old. Rule "set" rewrites it; "old" was a candidate by the original
        // value and must now fail, "new" was not a candidate and must now match.
        var plan = DialPlanHarness.Compile("""
            [Rule set]
            [Matching Patterns]
            $request = ^INVITE
            [Deploy Patterns]
            X-Route = new-route
            $continue = true

            [Rule old]
            [Matching Patterns]
            X-Route = ^old
            [Deploy Patterns]
            $target = old.example.com

            [Rule new]
            [Matching Patterns]
            X-Route = ^new-
            [Deploy Patterns]
            $target = new.example.com
            """);

        var decision = DialPlanHarness.Evaluate(plan, DialPlanHarness.Invite(("X-Route", "old-route")));

        decision.AppliedRules.Should().Equal("set", "new");
        decision.GetTargetString().Should().Be("new.example.com");
    }

    [Fact]
    public void A_header_removed_by_a_continuing_rule_fails_later_rules_keyed_on_it()
    {
        var plan = DialPlanHarness.Compile("""
            [Rule strip]
            [Matching Patterns]
            X-Route = ^keep
            [Deploy Patterns]
            X-Route: <empty>
            $continue = true

            [Rule keyed]
            [Matching Patterns]
            X-Route = ^keep
            [Deploy Patterns]
            $target = wrong.example.com

            [Rule fallback]
            [Matching Patterns]
            $request = ^INVITE
            [Deploy Patterns]
            $target = right.example.com
            """);

        var decision = DialPlanHarness.Evaluate(plan, DialPlanHarness.Invite(("X-Route", "keep-me")));

        decision.AppliedRules.Should().Equal("strip", "fallback");
        decision.GetTargetString().Should().Be("right.example.com");
    }

    [Fact]
    public void Only_the_last_of_many_prefixed_rules_is_a_candidate_and_it_decides()
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < 500; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"[Rule r{i}]\n[Matching Patterns]\n$request = ^INVITE\nTo = ^<sip:{10000 + i}\n[Deploy Patterns]\n$target = gw{i}.example.com\n\n");
        }

        var plan = DialPlanHarness.Compile(text.ToString());
        var bytes = TestRequest.Build("INVITE", "sip:10499777@pbx.example.com", [("To", "<sip:10499777@pbx.example.com>")]);

        CandidatesFor(plan, bytes).Should().Be(1);
        DialPlanHarness.Evaluate(plan, bytes).GetTargetString().Should().Be("gw499.example.com");
    }

    [Fact]
    public void Rules_whose_key_would_skip_a_function_call_or_is_negated_stay_candidates()
    {
        var plan = DialPlanHarness.Compile("""
            [Rule function-first]
            [Matching Patterns]
            $geturi(To) = sip:
            X-Key = ^never
            [Deploy Patterns]
            $target = a.example.com

            [Rule negated]
            [Matching Patterns]
            X-Key = !^never
            [Deploy Patterns]
            $target = b.example.com

            [Rule keyed]
            [Matching Patterns]
            $geturi(To) = sip:
            X-Key = ^never
            [Deploy Patterns]
            $target = c.example.com
            """);

        plan.Index.IndexedRuleCount.Should().Be(0, "a key after a function line would skip that call; a negated pattern requires nothing");
        CandidatesFor(plan, DialPlanHarness.Invite(("X-Key", "other"))).Should().Be(3);
    }

    [Fact]
    public void The_longest_required_prefix_keys_the_rule_and_disabled_rules_are_never_candidates()
    {
        var definition = DialPlanHarness.Compile("""
            [Rule a]
            [Matching Patterns]
            $request = ^INVITE
            X-Key = ^alpha-x
            [Deploy Patterns]
            $target = a.example.com
            """).Definition;
        var disabled = new AlwaysConnected.Routing.DialPlan.DialPlanRule("off", definition.Rules[0].Matching, definition.Rules[0].Deploy, disabled: true);
        var plan = AlwaysConnected.Routing.DialPlan.Compilation.DialPlanCompiler.Compile(
            new DialPlanDefinition(definition.Preliminary, AlwaysConnected.Routing.Collections.EquatableArray.Create(disabled, definition.Rules[0])));

        plan.Index.Values.Should().ContainSingle().Which.ToString().Should().Be("X-Key");
        CandidatesFor(plan, DialPlanHarness.Invite(("X-Key", "alpha-x1"))).Should().Be(1);
        CandidatesFor(plan, DialPlanHarness.Invite(("X-Key", "beta"))).Should().Be(0);
        CandidatesFor(plan, DialPlanHarness.Invite()).Should().Be(0, "an absent header cannot match a positive pattern");
    }

    [Fact]
    public void A_host_function_replacing_request_is_called_and_never_used_as_a_key()
    {
        var functions = new AlwaysConnected.Routing.DialPlan.Functions.DialPlanFunctionRegistry()
            .Add(new AlwaysConnected.Routing.DialPlan.Functions.DialPlanFunction("request", 0, 0,
                (in AlwaysConnected.Routing.DialPlan.Functions.DialPlanFunctionContext _, System.Buffers.IBufferWriter<byte> result) =>
                {
                    System.Buffers.BuffersExtensions.Write(result, "OPTIONS sip:rewritten SIP/2.0"u8);
                    return true;
                }));
        var plan = DialPlanHarness.Compile("""
            [Rule host]
            [Matching Patterns]
            $request = ^OPTIONS
            [Deploy Patterns]
            $target = host.example.com
            """, new DialPlanOptions { Functions = functions });

        plan.Index.IndexedRuleCount.Should().Be(0, "the host's $request may return anything");
        DialPlanHarness.Evaluate(plan, DialPlanHarness.Invite()).GetTargetString().Should().Be("host.example.com");
    }

    [Fact]
    public void The_built_in_request_line_keys_a_rule_and_reads_the_start_line()
    {
        var plan = DialPlanHarness.Compile("""
            [Rule invite]
            [Matching Patterns]
            $request = ^INVITE sip:(1000)@
            [Deploy Patterns]
            X-Line = %{$request}
            X-User = %1
            """);

        plan.Index.Values.Should().ContainSingle().Which.ToString().Should().Be("$request");
        var decision = DialPlanHarness.Evaluate(plan, DialPlanHarness.Invite());
        DialPlanHarness.Header(decision, "X-User").Should().Be("1000");
        DialPlanHarness.Header(decision, "X-Line").Should().Be("INVITE sip:1000@pbx.example.com:5070 SIP/2.0");
        CandidatesFor(plan, TestRequest.Build("OPTIONS", "sip:1000@pbx.example.com", [])).Should().Be(0);
    }

    private static int CandidatesFor(CompiledDialPlan plan, byte[] bytes)
    {
        var index = new SipMessageIndex();
        var message = ParsedRequest.Parse(bytes, index);
        var decision = new RoutingDecision();
        var bits = new ulong[plan.Index.WordCount];
        var frame = new AlwaysConnected.Routing.DialPlan.Evaluation.EvaluationFrame(
            message, new RoutingContext(DialPlanHarness.Remote), DialPlanHarness.Services(), decision, new AlwaysConnected.Routing.DialPlan.Evaluation.EvaluationScratch(), new AlwaysConnected.Routing.DialPlan.Evaluation.ValueRef[1], trace: null);
        plan.Index.MarkCandidates(ref frame, bits);
        return DialPlanRuleIndex.Count(bits);
    }
}
