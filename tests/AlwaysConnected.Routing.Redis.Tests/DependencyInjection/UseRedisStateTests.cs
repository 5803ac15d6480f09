using System.Net;
using System.Text;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Ars.State;
using AlwaysConnected.Routing.Redis.Connection;
using AlwaysConnected.Routing.Redis.State;
using AlwaysConnected.Routing.Redis.Tests.Support;
using AlwaysConnected.Routing.Services;
using AlwaysConnected.Routing.Sip;
using Microsoft.Extensions.DependencyInjection;

namespace AlwaysConnected.Routing.Redis.Tests.DependencyInjection;

public sealed class UseRedisStateTests
{
    private const string Ars = """
        [Route carrier]
        Patterns - OUT 1
        Max Sessions: 1
        [Deploy Patterns]
        Target: trunk-a.example
        """;

    private static readonly RoutingContext Source = new(new IPEndPoint(IPAddress.Loopback, 5060));

    [RedisFact]
    public void Two_hosts_registered_with_UseRedisState_share_max_sessions_and_the_state_the_rules_read()
    {
        using var redis = new RedisServer();
        var prefix = RedisNode.UniquePrefix();
        using var first = Host(redis, prefix);
        using var second = Host(redis, prefix);
        var router = first.GetRequiredService<SipRouter>();
        var other = second.GetRequiredService<SipRouter>();

        router.Services.Sessions.Should().BeOfType<RedisSessionCounters>();
        router.Services.BlockList.Should().BeOfType<RedisBlockList>();
        router.Services.Registrar.Should().BeOfType<RedisSipRegistrar>();
        router.Services.Aliases.Should().BeOfType<RedisAliasDirectory>();
        first.GetService<IArsBlockStateStore>().Should().BeOfType<RedisArsBlockStateStore>();

        OutCall(router, out var lease).Should().Be("trunk-a.example");
        OutCall(other, out _).Should().BeNull("the first host holds the trunk's only session");
        lease!.Dispose();
        OutCall(other, out var again).Should().Be("trunk-a.example");
        again!.Dispose();

        using var session = router.Services.Sessions.Start("gw");
        other.Services.Sessions.GetConcurrent("gw").Should().Be(1);
        router.Services.BlockList.Block(IPAddress.Parse("203.0.113.9"));
        other.Services.BlockList.IsBlocked(IPAddress.Parse("203.0.113.9")).Should().BeTrue();
    }

    [RedisFact]
    public void Kinds_left_out_of_SharedState_keep_their_in_memory_default()
    {
        using var redis = new RedisServer();
        using var host = Host(redis, RedisNode.UniquePrefix(), o => o.SharedState = RedisSharedState.BlockList);
        var router = host.GetRequiredService<SipRouter>();
        router.Services.BlockList.Should().BeOfType<RedisBlockList>();
        router.Services.Sessions.Should().BeOfType<SessionCounters>();
        router.Services.Registrar.Should().BeOfType<InMemorySipRegistrar>();
        router.Services.Aliases.Should().BeOfType<InMemoryAliasDirectory>();
        host.GetService<IArsBlockStateStore>().Should().BeNull();
        OutCall(router, out var lease).Should().Be("trunk-a.example");
        lease!.Dispose();
    }

    [Fact]
    public void Invalid_options_fail_when_the_router_is_resolved_naming_the_option()
    {
        using var host = Host(null, "bad prefix");
        FluentActions.Invoking(() => host.GetRequiredService<SipRouter>())
            .Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>()
            .Which.Failures.Should().ContainSingle(f => f.StartsWith("KeyPrefix:", StringComparison.Ordinal));
    }

    private static ServiceProvider Host(RedisServer? redis, string prefix, Action<RedisStateOptions>? more = null)
    {
        var services = new ServiceCollection();
        services.AddSipRouting()
            .Configure(o => o.ArsText = Ars)
            .UseRedisState(o =>
            {
                o.ConnectionString = redis?.ConnectionString ?? "127.0.0.1:1";
                o.KeyPrefix = prefix;
                o.OperationTimeout = TimeSpan.FromSeconds(2);
                more?.Invoke(o);
            });
        return services.BuildServiceProvider();
    }

    private static string? OutCall(SipRouter router, out Ars.Evaluation.ArsSessionLease? lease)
    {
        var bytes = Encoding.ASCII.GetBytes(
            "INVITE sip:100@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n" +
            "From: <sip:1@example.com>;tag=1\r\nTo: <sip:100@example.com>\r\nCall-ID: c@x\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
        var index = new SipMessageIndex();
        var decision = new RoutingDecision();
        var selection = new Ars.Evaluation.ArsSelection();
        SipParser.TryParseDatagram(bytes, index, out var message);
        lease = null;
        return router.RouteOut(message, Source, decision, selection) && selection.TryAcquire(out lease) ? decision.GetTargetString() : null;
    }
}
