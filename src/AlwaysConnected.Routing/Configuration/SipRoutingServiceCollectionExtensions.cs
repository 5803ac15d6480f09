using AlwaysConnected.Routing.Configuration;
using AlwaysConnected.Routing.DialPlan.Functions;
using AlwaysConnected.Routing.Diagnostics;
using AlwaysConnected.Routing.Services;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SIP router in a service collection.</summary>
public static class SipRoutingServiceCollectionExtensions
{
    /// <summary>
    /// Adds a singleton <see cref="AlwaysConnected.Routing.SipRouter"/>, its options validation and its
    /// host services (in-memory defaults). Registrations use TryAdd, so calling this twice is safe.
    /// </summary>
    /// <example>
    /// <code>
    /// services.AddSipRouting().BindConfiguration("Routing");
    /// </code>
    /// </example>
    public static SipRoutingBuilder AddSipRouting(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SipRoutingOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SipRoutingOptions>, SipRoutingOptionsValidator>());
        services.TryAddSingleton<ISipRegistrar>(sp => new InMemorySipRegistrar(sp.GetService<TimeProvider>()));
        services.TryAddSingleton<IAliasDirectory, InMemoryAliasDirectory>();
        services.TryAddSingleton<IBlockList>(sp => new InMemoryBlockList(sp.GetService<TimeProvider>()));
        services.TryAddSingleton<ISessionCounters>(sp => new SessionCounters(sp.GetService<TimeProvider>()));
        services.TryAddSingleton(sp => new RoutingMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton(sp =>
        {
            var monitor = ActivatorUtilities.CreateInstance<SipRouterConfigurationMonitor>(sp);
            monitor.SectionPath = sp.GetService<RoutingSection>()?.Path;
            return monitor;
        });
        services.TryAddSingleton(sp => sp.GetRequiredService<SipRouterConfigurationMonitor>().Router);
        return new SipRoutingBuilder(services);
    }
}
