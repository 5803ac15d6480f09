using System.Globalization;
using AlwaysConnected.Routing.Services;
using Microsoft.Extensions.Time.Testing;
using static AlwaysConnected.Routing.Tests.DialPlan.Engine.DialPlanHarness;

namespace AlwaysConnected.Routing.Tests.DialPlan.Engine;

/// <summary>Functions that read host state: registrar, alias directory, session counters; and $math/$str.</summary>
public class StateFunctionTests
{
    private static RoutingServices WithRegistrar()
    {
        var registrar = new InMemorySipRegistrar();
        registrar.Register("1000", "sip:1000@192.168.5.20:5062;transport=tcp");
        registrar.Register("bob", "sip:bob@[2001:db8::44]:5060");
        var aliases = new InMemoryAliasDirectory();
        aliases.Set("sales", "sip:200@pbx.example.com");
        aliases.Set("sales", "sip:300@tokyo.example.com", "jp");
        return new RoutingServices { Registrar = registrar, Aliases = aliases };
    }

    [Theory]
    [InlineData("$registered", "true")]
    [InlineData("$registered(From)", "false")]
    [InlineData("$registered(\"bob\")", "true")]
    [InlineData("$registered(\"sip:bob@elsewhere\")", "true")]
    [InlineData("$registered(Absent-Header)", "false")]
    [InlineData("$regUri", "sip:1000@192.168.5.20:5062;transport=tcp")]
    [InlineData("$regUri(\"bob\")", "sip:bob@[2001:db8::44]:5060")]
    [InlineData("$regUri(From)", null)]
    [InlineData("$regaddr", "192.168.5.20")]
    [InlineData("$registeredaddr", "192.168.5.20")]
    [InlineData("$regaddr(\"bob\")", "2001:db8::44")]
    [InlineData("$globalAddr($regaddr)", "false")]
    [InlineData("$alias.lookup(\"sales\")", "sip:200@pbx.example.com")]
    [InlineData("$alias.lookup(\"sales\", \"jp\")", "sip:300@tokyo.example.com")]
    [InlineData("$alias.lookup(\"sales\", \"us\")", null)]
    [InlineData("$alias.lookup(\"nobody\")", null)]
    public void Registrar_and_directory_functions(string expression, string? expected)
    {
        ValueOf(expression, services: WithRegistrar()).Should().Be(expected);
    }

    [Fact]
    public void Route_counters_follow_session_leases()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2024-03-15T12:00:00Z", CultureInfo.InvariantCulture));
        var services = new RoutingServices { Sessions = new SessionCounters(clock), Time = clock };
        string? Value(string e) => ValueOf(e, services: services);

        Value("$route.underlimit(\"gw1\", \"2\")").Should().Be("true");
        Value("$route.concurrent(\"gw1\")").Should().Be("0");
        var first = services.Sessions.Start("gw1");
        var second = services.Sessions.Start("gw1");
        using var other = services.Sessions.Start("gw2");
        Value("$route.concurrent(\"gw1\")").Should().Be("2");
        Value("$route.underlimit(\"gw1\", \"2\")").Should().Be("false");
        Value("$route.underlimit(\"gw1\", \"3\")").Should().Be("true");
        Value("$sessionnum").Should().Be("3");
        Value("$route.sps(\"gw1\")").Should().Be("2");
        Value("$route.spslimit(\"gw1\", \"2\")").Should().Be("false");
        Value("$sps").Should().Be("3");

        second.Dispose();
        second.Dispose();
        Value("$route.concurrent(\"gw1\")").Should().Be("1");
        Value("$route.underlimit(\"gw1\", \"2\")").Should().Be("true");

        clock.Advance(TimeSpan.FromMilliseconds(1100));
        Value("$route.sps(\"gw1\")").Should().Be("0", "the one-second window has passed");
        Value("$route.spslimit(\"gw1\", \"1\")").Should().Be("true");
        Value("$route.concurrent(\"gw1\")").Should().Be("1", "the session is still in progress");
        first.Dispose();
        Value("$sessionnum").Should().Be("1");
        Value("$route.underlimit(\"gw1\", \"x\")").Should().BeNull("the limit is not a number");
    }

    [Fact]
    public void Underlimit_with_a_capture_as_route_name_as_the_vendor_writes_it()
    {
        var services = new RoutingServices();
        using var lease = services.Sessions.Start("1000");
        var plan = Rule(
            [("$getSIPuser(To)", "(.+)"), ("$route.underlimit( \"%1\", \"1\" )", "true")],
            [("$routename", "%1"), ("$target", "gw.example.net")]);
        Evaluate(plan, Invite(), services).Outcome.Should().Be(RoutingOutcome.NoMatch);
        lease.Dispose();
        var decision = Evaluate(plan, Invite(), services);
        decision.Outcome.Should().Be(RoutingOutcome.Forward);
        decision.TryGetVariable("$routename", out var name).Should().BeTrue();
        System.Text.Encoding.UTF8.GetString(name).Should().Be("1000");
    }

    [Theory]
    [InlineData("$math.lt(\"3\", \"10\")", "true")]
    [InlineData("$math.lt(\"10\", \"3\")", "false")]
    [InlineData("$math.le(\"3\", \"3\")", "true")]
    [InlineData("$math.gt(\"-1\", \"-2\")", "true")]
    [InlineData("$math.ge(\"2\", \"3\")", "false")]
    [InlineData("$math.eq(\" 7 \", \"7\")", "true")]
    [InlineData("$math.min(\"5\", \"2\", \"9\")", "2")]
    [InlineData("$math.max(\"5\", \"2\")", "5")]
    [InlineData("$math.inc(Max-Forwards)", "71")]
    [InlineData("$math.dec(\"0\")", "-1")]
    [InlineData("$math.range(\"1000\", \"5555\", $getSIPuser(To))", "true")]
    [InlineData("$math.range(\"1111\", \"5555\", $getSIPuser(To))", "false")]
    [InlineData("$math.range(\"1111\", \"5555\", \"5556\")", "false")]
    [InlineData("$math.lt(\"abc\", \"3\")", null)]
    [InlineData("$math.inc(\"9223372036854775807\")", null)]
    [InlineData("$math.max(\"1\", Absent-Header)", null)]
    [InlineData("$str.lowercase(\"ExampleSoftphone/5.3 ÄÖ\")", "examplesoftphone/5.3 ÄÖ")]
    [InlineData("$str.uppercase(\"abc-Ä\")", "ABC-Ä")]
    [InlineData("$str.lowercase(Absent-Header)", null)]
    public void Math_and_string_functions(string expression, string? expected)
    {
        ValueOf(expression).Should().Be(expected);
    }

    [Fact]
    public void Rand_stays_in_its_inclusive_range()
    {
        var seen = new HashSet<string>();
        for (var i = 0; i < 200; i++)
        {
            var value = ValueOf("$math.rand(\"1\", \"3\")");
            value.Should().BeOneOf("1", "2", "3");
            seen.Add(value!);
        }

        seen.Should().HaveCount(3);
        ValueOf("$math.rand(\"5\", \"1\")").Should().BeNull();
    }

    [Fact]
    public void Sid_is_a_number_stable_for_a_call_and_different_between_calls()
    {
        var first = ValueOf("$sid", Invite(("Call-ID", "call-a@host")));
        first.Should().MatchRegex("^[0-9]+$");
        ValueOf("$sid", Invite(("Call-ID", "call-a@host"))).Should().Be(first);
        var values = Enumerable.Range(0, 40).Select(i => ValueOf("$sid", Invite(("Call-ID", $"call-{i}@host")))).ToList();
        values.Distinct().Should().HaveCountGreaterThan(30);
        values.Count(v => long.Parse(v!, CultureInfo.InvariantCulture) % 2 == 0).Should().BeInRange(8, 32, "odd and even both occur");
    }
}
