using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using AlwaysConnected.Routing.DialPlan.Functions;
using AlwaysConnected.Routing.Services;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AlwaysConnected.Routing.Configuration;

/// <summary>Configures routing in a service collection; returned by <see cref="SipRoutingServiceCollectionExtensions.AddSipRouting"/>.</summary>
public sealed class SipRoutingBuilder
{
    internal SipRoutingBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Binds the rules to a configuration section (default <c>Routing</c>) and reloads them when it
    /// changes: a valid change is published atomically, an invalid one is rejected and logged while
    /// the previous rules keep serving.
    /// </summary>
    public SipRoutingBuilder BindConfiguration(string sectionPath = SipRoutingOptions.DefaultSectionName)
    {
        ArgumentException.ThrowIfNullOrEmpty(sectionPath);
        // As OptionsBuilder.BindConfiguration registers it (a configure step reading the section, and the root's
        // change token for reloads), with the library's own reader: the rule schema is internal.
        Services.AddOptions<SipRoutingOptions>().Configure<IConfiguration>(
            (options, configuration) => SipRoutingConfigurationBinder.Bind(configuration.GetSection(sectionPath), options));
        Services.AddSingleton<IOptionsChangeTokenSource<SipRoutingOptions>, ConfigurationChangeTokenSource<SipRoutingOptions>>();
        Services.Replace(ServiceDescriptor.Singleton(new RoutingSection(sectionPath)));
        return this;
    }

    /// <summary>
    /// Configures the options in code, applied after any bound configuration: the host settings, the preset, and
    /// rules as text (<see cref="SipRoutingOptions.DialPlanText"/>, <see cref="SipRoutingOptions.ArsText"/>).
    /// </summary>
    public SipRoutingBuilder Configure(Action<SipRoutingOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }

    /// <summary>Registers a host <c>$function</c> the dial plan may call; it replaces a built-in of the same name.</summary>
    /// <param name="name">The name without <c>$</c>: letters, digits, <c>.</c> and <c>_</c>; matched case-insensitively.</param>
    /// <param name="minArguments">The fewest arguments it takes (0 or more).</param>
    /// <param name="maxArguments">The most arguments it takes (at least <paramref name="minArguments"/>, at most 8).</param>
    /// <param name="body">What it computes (see <see cref="SipRouterBuilder.AddFunction(string, int, int, Func{DialPlanFunctionContext, IBufferWriter{byte}, bool})"/>).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The name is empty or holds other characters.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The argument counts are out of range.</exception>
    public SipRoutingBuilder AddFunction(string name, int minArguments, int maxArguments, Func<DialPlanFunctionContext, IBufferWriter<byte>, bool> body)
    {
        Services.AddSingleton(DialPlanFunction.FromHost(name, minArguments, maxArguments, body));
        return this;
    }

    /// <summary>Registers an ARS plug-in (sync or async) by its name.</summary>
    public SipRoutingBuilder AddPlugin<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TPlugin>()
        where TPlugin : Ars.Plugins.ArsPlugin
    {
        Services.AddSingleton<Ars.Plugins.ArsPlugin, TPlugin>();
        return this;
    }

    /// <summary>Uses the host's registrar instead of the in-memory one.</summary>
    public SipRoutingBuilder UseRegistrar<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TRegistrar>()
        where TRegistrar : class, ISipRegistrar
    {
        Services.Replace(ServiceDescriptor.Singleton<ISipRegistrar, TRegistrar>());
        return this;
    }

    /// <summary>Uses the host's block list instead of the in-memory one.</summary>
    public SipRoutingBuilder UseBlockList<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TBlockList>()
        where TBlockList : class, IBlockList
    {
        Services.Replace(ServiceDescriptor.Singleton<IBlockList, TBlockList>());
        return this;
    }

    /// <summary>Uses the host's alias directory instead of the in-memory one.</summary>
    public SipRoutingBuilder UseAliasDirectory<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TDirectory>()
        where TDirectory : class, IAliasDirectory
    {
        Services.Replace(ServiceDescriptor.Singleton<IAliasDirectory, TDirectory>());
        return this;
    }
}
