using AlwaysConnected.Routing.Configuration;
using AlwaysConnected.Routing.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace AlwaysConnected.Routing.Tests.Router;

/// <summary>The same rule set written in text notation, JSON configuration and the fluent builder is one model.</summary>
public class FrontDoorTests
{
    private static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "front-doors", name);

    private static RoutingModel FromText() => new SipRouterBuilder()
        .AddDialPlanText(File.ReadAllText(DataFile("seed-dialplan.txt")))
        .AddArsText(File.ReadAllText(DataFile("seed-ars.txt")))
        .BuildModel();

    private static RoutingModel FromJson()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(DataFile("seed-appsettings.json")).Build();
        var options = SipRoutingOptions.FromConfiguration(configuration.GetSection("Routing"));
        options.TryCreateModel(out var model, out var diagnostics).Should().BeTrue(string.Join("; ", diagnostics));
        return model!;
    }

    private static RoutingModel FromBuilder() => new SipRouterBuilder()
        .AddPreliminaryRule("anti-spoofing", rule => rule
            .When("$request", "^INVITE").When("$localhost", "^false").When("X-PBX-Param", "^pin$")
            .Reject(603))
        .AddRule("to-pbx-core", rule => rule
            .When("$request", "^INVITE").When("$localhost", "^true").When("$port", "^5056$")
            .Target("127.0.0.1:5052"))
        .AddRoute("itsp", route => route
            .In(block => block
                .MatchTo("sip:(.+)@")
                .Plugin("sipheader", "X-PBX-Param", "^pin$")
                .DeployFrom("pin&f1")
                .Custom("&action.type=pin"))
            .Out(block => block
                .MatchTo("sip:([0-9]{10,20})@")
                .Plugin("prop", "action.type", "^pin$")
                .Trunk("itsp.example.net:5060")))
        .BuildModel();

    [Fact]
    public void Text_json_and_builder_produce_equal_models()
    {
        var text = FromText();
        var json = FromJson();
        var builder = FromBuilder();

        json.Should().Be(text);
        builder.Should().Be(text);
    }

    [Fact]
    public void A_changed_rule_makes_the_models_differ()
    {
        var changed = new SipRouterBuilder()
            .AddPreliminaryRule("anti-spoofing", rule => rule
                .When("$request", "^INVITE").When("$localhost", "^false").When("X-PBX-Param", "^pin$")
                .Reject(403))
            .BuildModel();

        changed.Should().NotBe(FromText());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_three_models_decide_alike(bool fromMediaServer)
    {
        var context = fromMediaServer ? SeedMessages.FromMediaServer : SeedMessages.FromOutside;
        var outcomes = new[] { FromText(), FromJson(), FromBuilder() }.Select(model =>
        {
            var router = new SipRouter(model);
            var index = new AlwaysConnected.Routing.Sip.SipMessageIndex();
            var message = ParsedRequest.Parse(SeedMessages.MediaServerInvite(), index);
            var decision = new RoutingDecision();
            router.Route(message, context, decision);
            return (decision.Outcome, decision.StatusCode, Target: decision.GetTargetString(), Rule: string.Join(",", decision.AppliedRules));
        }).ToList();

        outcomes.Should().AllBeEquivalentTo(outcomes[0]);
        outcomes[0].Outcome.Should().Be(fromMediaServer ? RoutingOutcome.Forward : RoutingOutcome.Reject);
    }
}
