using System.Buffers;
using AlwaysConnected.Routing.DialPlan.Functions;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Tests.Support;

namespace AlwaysConnected.Routing.Tests.Router;

/// <summary>The builder is single-use for its additions, builds the same router again, and never changes what the caller passed in.</summary>
public class SingleUseBuilderTests
{
    private static bool Vip(DialPlanFunctionContext c, IBufferWriter<byte> result)
    {
        result.Write("true"u8);
        return true;
    }

    private static SipRouterBuilder BuilderWith(SipRouterOptions options) => new SipRouterBuilder()
        .AddRule("to-carrier", rule => rule.When("$request", "^INVITE").Target("carrier.example.net"))
        .AddFunction("vip", 1, 1, Vip)
        .WithOptions(options);

    [Fact]
    public void Building_twice_leaves_the_callers_options_and_their_function_registry_unchanged()
    {
        var options = new SipRouterOptions { UnregisteredUserStatus = 480 };
        var namesBefore = options.Functions.Names.Order(StringComparer.OrdinalIgnoreCase).ToArray();
        var builder = BuilderWith(options);

        var first = builder.Build();
        var second = builder.Build();

        options.Functions.Names.Order(StringComparer.OrdinalIgnoreCase).Should().Equal(namesBefore);
        options.Functions.TryGet("vip", out _).Should().BeFalse("the added function goes into a copy of the caller's registry");
        foreach (var router in new[] { first, second })
        {
            router.Options.Should().NotBeSameAs(options);
            router.Options.Functions.TryGet("vip", out _).Should().BeTrue();
            router.Options.UnregisteredUserStatus.Should().Be(480, "every other setting is kept");
            router.Options.Functions.Names.Should().HaveCount(namesBefore.Length + 1);
        }
    }

    [Fact]
    public void Building_twice_builds_routers_that_decide_the_same()
    {
        var builder = BuilderWith(new SipRouterOptions());
        var targets = new[] { builder.Build(), builder.Build() }.Select(router =>
        {
            var index = new SipMessageIndex();
            var message = ParsedRequest.Parse(SeedMessages.MediaServerInvite(), index);
            var decision = new RoutingDecision();
            router.Route(message, SeedMessages.FromMediaServer, decision);
            return (decision.Outcome, Target: decision.GetTargetString());
        }).ToArray();

        targets[0].Should().Be((RoutingOutcome.Forward, "carrier.example.net"));
        targets[1].Should().Be(targets[0]);
    }

    [Fact]
    public void Building_twice_builds_equal_models()
    {
        var builder = BuilderWith(new SipRouterOptions());

        builder.BuildModel().Should().Be(builder.BuildModel());
    }

    [Fact]
    public void Without_added_functions_the_callers_options_are_used_as_given()
    {
        var options = new SipRouterOptions();
        var router = new SipRouterBuilder().AddRule("r", rule => rule.When("$request", "^INVITE").Reject(404)).WithOptions(options).Build();

        router.Options.Should().BeSameAs(options);
    }

    [Fact]
    public void An_addition_after_building_throws_a_clear_exception()
    {
        var builder = BuilderWith(new SipRouterOptions());
        builder.Build();

        var additions = new Action[]
        {
            () => builder.AddRule("late", rule => rule.Reject(404)),
            () => builder.AddPreliminaryRule("late", rule => rule.Reject(404)),
            () => builder.AddRoute("late", route => { }),
            () => builder.AddDialPlanText("[Rules]\n"),
            () => builder.AddArsText(string.Empty),
            () => builder.AddFunction("vip", 1, 1, Vip),
            () => builder.WithOptions(new SipRouterOptions()),
        };

        foreach (var addition in additions)
        {
            addition.Should().Throw<InvalidOperationException>().WithMessage("*already built*new builder*");
        }
    }

    [Fact]
    public void A_rule_route_or_block_builder_kept_past_its_callback_throws_instead_of_changing_nothing()
    {
        DialPlanRuleBuilder? keptRule = null;
        ArsRouteBuilder? keptRoute = null;
        ArsBlockBuilder? keptBlock = null;
        var builder = new SipRouterBuilder()
            .AddRule("r", rule => keptRule = rule.When("$request", "^INVITE"))
            .AddRoute("route", route => keptRoute = route.Out(block => keptBlock = block.MatchTo("sip:(.+)@").Trunk("itsp.example.net")));

        var model = builder.BuildModel();

        keptRule!.Invoking(r => r.Reject(404)).Should().Throw<InvalidOperationException>().WithMessage("*rule builder*callback*");
        keptRoute!.Invoking(r => r.Disable()).Should().Throw<InvalidOperationException>().WithMessage("*route builder*callback*");
        keptBlock!.Invoking(b => b.Priority(1)).Should().Throw<InvalidOperationException>().WithMessage("*block builder*callback*");
        builder.Invoking(b => b.BuildModel()).Should().NotThrow();
        builder.BuildModel().Should().Be(model);
    }
}
