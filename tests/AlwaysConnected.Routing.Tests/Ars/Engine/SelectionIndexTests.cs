using System.Globalization;
using System.Text;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Ars.Compilation;
using AlwaysConnected.Routing.Ars.Evaluation;
using AlwaysConnected.Routing.Ars.Text;

namespace AlwaysConnected.Routing.Tests.Ars.Engine;

/// <summary>Priority order, the number-prefix index and the explain trace.</summary>
public class SelectionIndexTests
{
    internal static string ManyRoutes(int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var prefix = (1000 + i).ToString(CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"[Route r{i}]\nPatterns - OUT\n[Matching Patterns]\nTo: ^sip:{prefix}([0-9]{{4,}})@\n[Deploy Patterns]\nTo: sip:&t1@gw{i}.example\n");
        }

        return text.ToString();
    }

    private static byte[] Call(string number) =>
        ArsHarness.Invite($"sip:{number}@pbx.local", $"<sip:{number}@pbx.local>", "<sip:300@pbx.local>;tag=1");

    [Fact]
    public void Among_a_thousand_prefixed_routes_only_the_carried_prefix_is_tested()
    {
        var ars = ArsCompiler.Compile(ArsTextReader.Parse(ManyRoutes(1000)));
        var decision = new RoutingDecision();

        ars.IndexedOutBlockCount.Should().Be(1000);
        var trace = ArsHarness.Explain(ars, ArsDirection.Out, Call("17421234567"), null, decision);

        trace.Stage.Should().Be(RoutingStage.ArsOut);
        trace.Selected!.Name.Should().Be("r742 OUT 1");
        trace.Candidates.Should().ContainSingle().Which.Should().BeSameAs(trace.Selected);
        decision.GetRequestUriString().Should().Be("sip:1234567@gw742.example");
    }

    [Fact]
    public void Explain_says_why_a_matching_block_was_passed_over_and_which_one_was_selected()
    {
        var ars = ArsCompiler.Compile(ArsTextReader.Parse("""
            [Route full]
            Patterns - OUT 3
            Priority: 1
            Max Sessions: 0
            [Matching Patterns]
            To: sip:([0-9]+)@
            [Deploy Patterns]
            Target: full.example
            [Route spare]
            Patterns - OUT 7
            Priority: 2
            [Deploy Patterns]
            Target: spare.example
            """));

        var trace = ArsHarness.Explain(ars, ArsDirection.Out, Call("1234"), null, new RoutingDecision());

        trace.Candidates.Select(b => (b.Name, b.Route, b.Number, b.Priority, b.Matched, b.Note)).Should().Equal(
            ("full OUT 3", "full", 3, 1, true, "at Max Sessions"),
            ("spare OUT 7", "spare", 7, 2, true, null));
        trace.Candidates[0].Captures.Should().Equal(new[] { new KeyValuePair<string, string?>("&t1", "1234") }, "a passed-over block still shows what it would have offered");
        trace.Candidates[1].Conditions.Should().BeEmpty("the block tests no field");
        trace.Selected.Should().BeSameAs(trace.Candidates[1]);
    }

    [Fact]
    public void Indexed_and_unindexed_blocks_keep_priority_then_list_order()
    {
        var ars = ArsCompiler.Compile(ArsTextReader.Parse("""
            [Route catch-all]
            Patterns - OUT
            Priority: 50
            [Matching Patterns]
            To: ([0-9]+)@
            [Deploy Patterns]
            Target: all.example
            [Route long-prefix]
            Patterns - OUT
            Priority: 50
            [Matching Patterns]
            To: sip:0312
            [Deploy Patterns]
            Target: long.example
            [Route short-prefix]
            Patterns - OUT
            Priority: 10
            [Matching Patterns]
            To: sip:03
            [Deploy Patterns]
            Target: short.example
            """));
        var decision = new RoutingDecision();
        var selection = new ArsSelection();
        var request = Call("0312345678");

        var order = new List<string?>();
        for (var more = ArsHarness.Route(ars, ArsDirection.Out, request, null, decision, selection); more; more = ArsHarness.Next(selection, request, null, decision))
        {
            order.Add(decision.GetTargetString());
        }

        order.Should().Equal("short.example", "all.example", "long.example");
    }

    [Fact]
    public void A_to_uri_the_index_cannot_read_is_tested_against_every_block()
    {
        var ars = ArsCompiler.Compile(ArsTextReader.Parse("""
            [Route param]
            Patterns - OUT
            [Matching Patterns]
            To: sip:99
            [Deploy Patterns]
            Target: param.example
            """));
        var decision = new RoutingDecision();
        var request = ArsHarness.Invite("sip:1@pbx.local", "<sip:1@pbx.local;x=sip:99>", "<sip:300@pbx.local>;tag=1");

        ArsHarness.Route(ars, ArsDirection.Out, request, null, decision).Should().BeTrue();
        decision.GetTargetString().Should().Be("param.example");
    }

    [Fact]
    public void An_optional_digit_is_not_taken_for_part_of_the_indexed_prefix()
    {
        var ars = ArsCompiler.Compile(ArsTextReader.Parse("""
            [Route optional]
            Patterns - OUT
            [Matching Patterns]
            To: sip:9?1([0-9]+)@
            [Deploy Patterns]
            Target: opt.example
            """));
        var decision = new RoutingDecision();

        ArsHarness.Route(ars, ArsDirection.Out, Call("1234"), null, decision).Should().BeTrue();
        ArsHarness.Route(ars, ArsDirection.Out, Call("91234"), null, decision).Should().BeTrue();
    }

    [Fact]
    public void Disabled_blocks_and_routes_take_no_part()
    {
        var ars = ArsCompiler.Compile(ArsTextReader.Parse("""
            [Route off]
            Patterns - OUT
            Priority: 1
            Disabled: true
            [Deploy Patterns]
            Target: off.example
            [Route on]
            Patterns - OUT
            Priority: 2
            [Deploy Patterns]
            Target: on.example
            """));
        var decision = new RoutingDecision();

        ArsHarness.Route(ars, ArsDirection.Out, Call("1"), null, decision).Should().BeTrue();
        decision.GetTargetString().Should().Be("on.example");
    }

    [Fact]
    public void Explain_shows_each_field_value_and_result_and_the_captures()
    {
        var ars = AlwaysConnectedSeedTests.Compile();
        var request = ArsHarness.Invite("sip:09012345678@127.0.0.1:5052", "<sip:09012345678@127.0.0.1:5052>", "<sip:ms@127.0.0.1:5056>;tag=1", ("X-PBX-Param", "pin"));

        var trace = ArsHarness.Explain(ars, ArsDirection.In, request, new CallProperties(), new RoutingDecision());

        trace.Stage.Should().Be(RoutingStage.ArsIn);
        var block = trace.Candidates.Should().ContainSingle().Subject;
        trace.Selected.Should().BeSameAs(block);
        block.Should().BeEquivalentTo(new { Name = "route-1 IN 1", Route = "route-1", Number = 1, Matched = true, Note = (string?)null, IsPreliminary = false, Disabled = false });
        block.Priority.Should().NotBeNull();
        block.Conditions.Should().BeEquivalentTo(
            new[]
            {
                new { Name = "To", Pattern = (string?)"sip:(.+)@", Value = (string?)"sip:09012345678@127.0.0.1:5052", Matched = true, Note = (string?)null },
                new { Name = "Plugin 1 (sipheader X-PBX-Param)", Pattern = (string?)"^pin$", Value = (string?)"pin", Matched = true, Note = (string?)null },
            },
            o => o.WithStrictOrdering());
        block.Captures.Should().Equal(new[] { new KeyValuePair<string, string?>("&t1", "09012345678") });

        var outTrace = ArsHarness.Explain(ars, ArsDirection.Out, request, new CallProperties(), new RoutingDecision());
        outTrace.Selected.Should().BeNull();
        outTrace.Candidates.Single().Captures.Should().BeEmpty("a block that did not match offers no references");
        outTrace.Candidates.Single().Conditions.Last().Should().BeEquivalentTo(new { Name = "Plugin 1 (prop action.type)", Pattern = (string?)"^pin$", Value = (string?)null, Matched = false, Note = (string?)null });
    }
}
