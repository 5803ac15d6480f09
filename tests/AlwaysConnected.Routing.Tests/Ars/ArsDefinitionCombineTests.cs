using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Collections;

namespace AlwaysConnected.Routing.Tests.Ars;

/// <summary><see cref="ArsDefinition.Combine"/> and <see cref="ArsDefinition.IsEmpty"/>: joining definitions read one by one.</summary>
public sealed class ArsDefinitionCombineTests
{
    private const string First = """
        &g1: itsp.example
        [Route direct]
        Patterns - OUT 1
        [Matching Patterns]
        To: sip:(0[0-9]+)@
        [Deploy Patterns]
        To: sip:&t1@&g1
        """;

    private const string Second = """
        &g2: backup.example
        [Template outbound]
        &a1: gw
        [Row 1]
        &v1: 7
        [Row 2]
        &v1: 9
        Patterns - OUT 1
        Priority: &v1
        [Matching Patterns]
        To: sip:(.+)@
        [Deploy Patterns]
        To: sip:&t1@&g2
        [Route inbound]
        Patterns - IN 1
        [Matching Patterns]
        To: sip:(.+)@
        """;

    [Fact]
    public void Combining_keeps_the_routes_templates_and_global_variables_of_each_in_order()
    {
        var combined = ArsDefinition.Combine(ArsDefinition.Parse(First), ArsDefinition.Parse(Second));

        combined.Routes.Select(r => r.Name).Should().Equal("direct", "inbound");
        combined.Templates.Select(t => t.Name).Should().Equal("outbound");
        combined.GlobalVariables.Should().Equal(new ArsVariable("g1", "itsp.example"), new ArsVariable("g2", "backup.example"));
        combined.GetEffectiveRoutes().Select(r => r.Name).Should().Equal("direct", "inbound", "outbound*1", "outbound*2");
        combined.GetEffectiveRoutes()[3].OutBlocks[0].Priority.Should().Be(9);
    }

    [Fact]
    public void The_combination_writes_the_template_back_as_text_and_reads_back_equal()
    {
        var combined = ArsDefinition.Combine(ArsDefinition.Parse(First), ArsDefinition.Parse(Second));

        ArsDefinition.Parse(combined.ToText()).Should().Be(combined);
        combined.ToText().Should().Contain("[Template outbound]").And.Contain("Priority: &v1").And.Contain("[Row 2]");
    }

    [Fact]
    public void A_route_name_used_by_two_definitions_is_an_error_naming_both_positions()
    {
        var other = """
            [Route unrelated]
            Patterns - IN 1
            [Route direct]
            Patterns - IN 1
            """;

        var combining = () => ArsDefinition.Combine(ArsDefinition.Parse(First), ArsDefinition.Parse(Second), ArsDefinition.Parse(other));

        var diagnostic = combining.Should().Throw<RoutingConfigurationException>().Which.Diagnostics.Should().ContainSingle().Subject;
        diagnostic.Id.Should().Be(RoutingDiagnosticIds.InvalidRuleSet);
        diagnostic.IsError.Should().BeTrue();
        diagnostic.Route.Should().Be("direct");
        diagnostic.Section.Should().Be("definitions 1 and 3");
        diagnostic.Message.Should().Be("Route name 'direct' is used twice.");
    }

    [Fact]
    public void Every_clash_is_reported_template_names_and_global_variables_included()
    {
        var clashing = """
            &g2: elsewhere.example
            &g1: itsp.example
            [Route outbound]
            Patterns - IN 1
            [Template direct]
            [Row 1]
            &v1: 1
            Patterns - IN 1
            """;

        var combining = () => ArsDefinition.Combine(ArsDefinition.Parse(First), ArsDefinition.Parse(Second), ArsDefinition.Parse(clashing));

        var diagnostics = combining.Should().Throw<RoutingConfigurationException>().Which.Diagnostics;
        diagnostics.Should().OnlyContain(d => d.Id == RoutingDiagnosticIds.InvalidRuleSet && d.IsError);
        diagnostics.Select(d => (d.Route, d.Field, d.Section)).Should().BeEquivalentTo(new (string?, string?, string?)[]
        {
            ("outbound", null, "definitions 2 and 3"),
            ("direct", null, "definitions 1 and 3"),
            (null, "&g2", "definitions 2 and 3"),
            (null, "&g1", "definitions 1 and 3"),
        });
    }

    [Fact]
    public void Combining_nothing_one_or_empty_definitions_changes_nothing()
    {
        var first = ArsDefinition.Parse(First);

        ArsDefinition.Combine().Should().BeSameAs(ArsDefinition.Empty);
        ArsDefinition.Combine(first).Should().BeSameAs(first);
        ArsDefinition.Combine(ArsDefinition.Empty, first, ArsDefinition.Empty).Should().Be(first);
        ArsDefinition.Combine(ArsDefinition.Empty, ArsDefinition.Empty).IsEmpty.Should().BeTrue();
        FluentActions.Invoking(() => ArsDefinition.Combine(first, null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Is_empty_only_without_routes_templates_and_global_variables()
    {
        ArsDefinition.Empty.IsEmpty.Should().BeTrue();
        ArsDefinition.Parse("").IsEmpty.Should().BeTrue();
        new ArsDefinition(EquatableArray<ArsRoute>.Empty).IsEmpty.Should().BeTrue();

        new ArsDefinition(EquatableArray.Create(new ArsRoute("r"))).IsEmpty.Should().BeFalse();
        new ArsDefinition(default, EquatableArray.Create(new ArsVariable("g1", "x"))).IsEmpty.Should().BeFalse();
        ArsDefinition.Parse("[Template t]\nPatterns - IN 1").IsEmpty.Should().BeFalse();
    }

    [Fact]
    public void The_builder_joins_its_ars_additions_in_order_and_reports_every_clash_between_them()
    {
        var model = new SipRouterBuilder()
            .AddArsText(First)
            .AddRoute("coded", route => route.In(block => block.MatchTo("sip:(.+)@")))
            .AddArsText(Second)
            .BuildModel();

        model.Ars.Routes.Select(r => r.Name).Should().Equal("direct", "coded", "inbound");
        model.Ars.Templates.Select(t => t.Name).Should().Equal("outbound");
        model.Ars.GlobalVariables.Select(v => v.Name).Should().Equal("g1", "g2");

        var clashing = () => new SipRouterBuilder()
            .AddArsText(First)
            .AddRoute("outbound", route => route.In(block => block.MatchTo("sip:(.+)@")))
            .AddArsText(Second)
            .AddArsText(First)
            .BuildModel();

        var diagnostics = clashing.Should().Throw<RoutingConfigurationException>().Which.Diagnostics;
        diagnostics.Should().OnlyContain(d => d.Id == RoutingDiagnosticIds.InvalidRuleSet && d.IsError && d.Section == null);
        diagnostics.Select(d => d.Route ?? d.Field).Should().BeEquivalentTo("outbound", "direct", "&g1");
    }
}
