using System.Diagnostics.Metrics;
using AlwaysConnected.Routing.Ars.State;
using AlwaysConnected.Routing.Configuration;
using AlwaysConnected.Routing.Redis;
using AlwaysConnected.Routing.Redis.Connection;
using AlwaysConnected.Routing.Redis.State;
using AlwaysConnected.Routing.Services;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Keeps the routing state in Redis, shared by every node of a cluster.</summary>
public static class RedisStateSipRoutingBuilderExtensions
{
    /// <summary>
    /// Keeps the kinds of state <see cref="RedisStateOptions.SharedState"/> names in Redis (all by
    /// default) in place of the in-memory defaults, over one <see cref="RedisStateConnection"/>. The
    /// kinds left out keep their in-memory (or host) implementation.
    /// </summary>
    /// <param name="builder">The routing builder.</param>
    /// <param name="configure">Sets the connection string, key prefix, timeouts, lease time-to-live and outage policies.</param>
    /// <returns>The builder.</returns>
    /// <example>
    /// <code>
    /// services.AddSipRouting()
    ///     .BindConfiguration("Routing")
    ///     .UseRedisState(o =>
    ///     {
    ///         o.ConnectionString = "redis1:6379,redis2:6379";
    ///         o.KeyPrefix = "pbx-east";
    ///         o.SessionsPolicy = RedisOutagePolicy.FailOpen;
    ///     });
    /// </code>
    /// </example>
    public static SipRoutingBuilder UseRedisState(this SipRoutingBuilder builder, Action<RedisStateOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<RedisStateOptions>().Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisStateOptions>, RedisStateOptionsValidator>());
        services.TryAddSingleton(sp => new RedisStateConnection(
            sp.GetRequiredService<IOptions<RedisStateOptions>>().Value,
            sp.GetService<ILogger<RedisStateConnection>>(),
            sp.GetService<IMeterFactory>(),
            sp.GetService<TimeProvider>()));
        services.TryAddSingleton(sp => new RedisArsBlockStateStore(sp.GetRequiredService<RedisStateConnection>(), sp.GetService<TimeProvider>()));
        services.TryAddSingleton(sp => new RedisSessionCounters(sp.GetRequiredService<RedisStateConnection>(), sp.GetService<TimeProvider>()));
        services.TryAddSingleton(sp => new RedisBlockList(sp.GetRequiredService<RedisStateConnection>(), sp.GetService<TimeProvider>()));
        services.TryAddSingleton(sp => new RedisSipRegistrar(sp.GetRequiredService<RedisStateConnection>()));
        services.TryAddSingleton(sp => new RedisAliasDirectory(sp.GetRequiredService<RedisStateConnection>()));

        // Which kinds are shared is read when the service is first resolved, so bound configuration counts too.
        // No block state store (null) keeps the ARS blocks' state in this process.
        services.Replace(ServiceDescriptor.Singleton<IArsBlockStateStore>(sp => Shares(sp, RedisSharedState.ArsBlocks)
            ? sp.GetRequiredService<RedisArsBlockStateStore>()
            : null!));
        services.Replace(ServiceDescriptor.Singleton<ISessionCounters>(sp => Shares(sp, RedisSharedState.SessionCounters)
            ? sp.GetRequiredService<RedisSessionCounters>()
            : RoutingServices.CreateInMemorySessionCounters(sp.GetService<TimeProvider>())));
        services.Replace(ServiceDescriptor.Singleton<IBlockList>(sp => Shares(sp, RedisSharedState.BlockList)
            ? sp.GetRequiredService<RedisBlockList>()
            : RoutingServices.CreateInMemoryBlockList(sp.GetService<TimeProvider>())));
        services.Replace(ServiceDescriptor.Singleton<ISipRegistrar>(sp => Shares(sp, RedisSharedState.Registrar)
            ? sp.GetRequiredService<RedisSipRegistrar>()
            : RoutingServices.CreateInMemoryRegistrar(sp.GetService<TimeProvider>())));
        services.Replace(ServiceDescriptor.Singleton<IAliasDirectory>(sp => Shares(sp, RedisSharedState.Aliases)
            ? sp.GetRequiredService<RedisAliasDirectory>()
            : RoutingServices.CreateInMemoryAliasDirectory()));
        return builder;
    }

    private static bool Shares(IServiceProvider services, RedisSharedState kind) =>
        (services.GetRequiredService<IOptions<RedisStateOptions>>().Value.SharedState & kind) != 0;
}
