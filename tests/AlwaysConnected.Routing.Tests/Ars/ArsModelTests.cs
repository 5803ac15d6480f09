using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Collections;

namespace AlwaysConnected.Routing.Tests.Ars;

public class ArsModelTests
{
    [Fact]
    public void Constructors_reject_bad_values()
    {
        FluentActions.Invoking(() => new ArsRoute(" ")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new ArsRoute(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new ArsRoute("a[b]")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new ArsPatternBlock(0, ArsDirection.In)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new ArsPatternBlock(1, ArsDirection.In) { Priority = -1 }).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new ArsPatternBlock(1, ArsDirection.In) { MaxSessions = -2 }).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new ArsPatternBlock(1, ArsDirection.In) { Trunk = new TrunkConnection("x") }).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new ArsPatternBlock(1, ArsDirection.Out) { DeployTo = "a\r\nX-Evil: 1" }).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new ArsPatternBlock(1, ArsDirection.Out) { Custom = EquatableArray.Create("no-equals") }).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new ArsPatternBlock(1, ArsDirection.Out)
        {
            Plugins = EquatableArray.Create(new PluginSlot(2, "a"), new PluginSlot(1, "b")),
        }).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new StatusCodeRange(600, 500)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new TrunkConnection("host name")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new TrunkConnection("h", TimeSpan.Zero)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new ArsVariable("x1", "")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new ArsRoute("r") { Variables = EquatableArray.Create(new ArsVariable("g1", "")) }).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new ArsRoute("r")
        {
            OutBlocks = EquatableArray.Create(new ArsPatternBlock(1, ArsDirection.Out), new ArsPatternBlock(1, ArsDirection.Out)),
        }).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new ArsDefinition(EquatableArray.Create(new ArsRoute("a"), new ArsRoute("a")))).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Blank_fields_mean_no_condition_and_compare_equal()
    {
        var blank = new ArsPatternBlock(1, ArsDirection.In) { MatchTo = "  ", DeployFrom = "" };

        blank.MatchTo.Should().BeNull();
        blank.Should().Be(new ArsPatternBlock(1, ArsDirection.In));
    }

    [Fact]
    public void Records_with_equal_contents_are_equal()
    {
        static ArsRoute Build() => new("r")
        {
            OutBlocks = EquatableArray.Create(new ArsPatternBlock(1, ArsDirection.Out)
            {
                Plugins = EquatableArray.Create(new PluginSlot(1, "prop", "action.type", "^pin$")),
                Trunk = new TrunkConnection("itsp.example"),
            }),
        };

        Build().Should().Be(Build());
        Build().GetHashCode().Should().Be(Build().GetHashCode());
        (Build() with { Enabled = false }).Should().NotBe(Build());
    }

    [Fact]
    public void Secrets_are_not_shown_by_ToString()
    {
        var route = new ArsRoute("r")
        {
            Registration = new RouteRegistration("sip:a@b", user: "a", password: "regsecret"),
            Credentials = new TrunkCredentials("a", "credsecret"),
        };

        route.ToString().Should().NotContain("regsecret").And.NotContain("credsecret");
        route.Credentials!.ToString().Should().Contain("***");
    }

    [Fact]
    public void Effective_credentials_prefer_the_credentials_over_the_registration()
    {
        var route = new ArsRoute("r") { Registration = new RouteRegistration("sip:a@b", user: "reg", password: "p1") };

        route.EffectiveCredentials.Should().Be(new TrunkCredentials("reg", "p1"));
        (route with { Credentials = new TrunkCredentials("own", "p2") }).EffectiveCredentials!.User.Should().Be("own");
        new ArsRoute("plain").EffectiveCredentials.Should().BeNull();
    }

    [Fact]
    public void Failover_policy_default_is_5xx_and_timeout()
    {
        FailoverPolicy.Default.FailsOver(500).Should().BeTrue();
        FailoverPolicy.Default.FailsOver(599).Should().BeTrue();
        FailoverPolicy.Default.FailsOver(600).Should().BeFalse();
        FailoverPolicy.Default.FailsOver(404).Should().BeFalse();
        FailoverPolicy.Default.OnTimeout.Should().BeTrue();
    }

    [Fact]
    public void Template_bindings_must_name_an_existing_block()
    {
        var template = new RouteTemplate(new ArsRoute("t") { OutBlocks = EquatableArray.Create(new ArsPatternBlock(1, ArsDirection.Out)) });

        FluentActions.Invoking(() => template with
        {
            Bindings = EquatableArray.Create(new TemplateBinding(ArsDirection.Out, 2, TemplateNumericField.Priority, "v1")),
        }).Should().Throw<ArgumentException>();
    }
}
