using AlwaysConnected.Routing.DialPlan.Functions;
using AlwaysConnected.Routing.Diagnostics;
using AlwaysConnected.Routing.Services;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace AlwaysConnected.Routing.Configuration;

/// <summary>
/// Builds the router from configuration and keeps it current: on each configuration change it binds,
/// validates and compiles the new rules off the hot path, publishes them atomically, and keeps the
/// last good rules (and keeps listening) when a change is invalid.
/// </summary>
/// <remarks>
/// It reads the options through <see cref="IOptionsFactory{TOptions}"/> rather than a monitor so that
/// an invalid change surfaces here as a rejected reload, never as an exception thrown into the
/// configuration provider's change notification.
/// </remarks>
public sealed class SipRouterConfigurationMonitor : IDisposable
{
    private readonly IOptionsFactory<SipRoutingOptions> _factory;
    private readonly ILogger<SipRouter> _logger;
    private readonly List<IDisposable> _subscriptions = [];

    /// <summary>Creates the router from the current configuration.</summary>
    /// <exception cref="RoutingConfigurationException">The configuration is invalid at start (the first load fails fast).</exception>
    public SipRouterConfigurationMonitor(
        IOptionsFactory<SipRoutingOptions> factory,
        IEnumerable<IOptionsChangeTokenSource<SipRoutingOptions>> changeSources,
        IEnumerable<DialPlanFunction> functions,
        IEnumerable<Ars.Plugins.ArsPlugin> plugins,
        ISipRegistrar registrar,
        IAliasDirectory aliases,
        IBlockList blockList,
        ISessionCounters sessions,
        RoutingMetrics metrics,
        ILogger<SipRouter>? logger = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(changeSources);
        ArgumentNullException.ThrowIfNull(functions);
        _factory = factory;
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<SipRouter>.Instance;

        var options = Create(out var failures);
        if (options is null)
        {
            throw new RoutingConfigurationException(failures.Select(f => new RoutingDiagnostic(RoutingDiagnosticIds.InvalidOptions, RoutingDiagnosticSeverity.Error, f)).ToList());
        }

        var registry = new DialPlanFunctionRegistry();
        foreach (var function in functions)
        {
            registry.Add(function);
        }

        var pluginRegistry = new Ars.Plugins.ArsPluginRegistry();
        foreach (var plugin in plugins ?? [])
        {
            pluginRegistry.Register(plugin);
        }

        var routerOptions = SipRoutingConfigurationLoader.CreateRouterOptions(options, new SipRouterOptions
        {
            DialPlan = new() { Functions = registry },
            Ars = new() { Plugins = pluginRegistry, Time = timeProvider ?? TimeProvider.System },
        });
        if (!SipRoutingOptionsMapper.TryMap(options, out var model, out var diagnostics))
        {
            throw new RoutingConfigurationException(diagnostics);
        }

        var services = new RoutingServices
        {
            Registrar = registrar,
            Aliases = aliases,
            BlockList = blockList,
            Sessions = sessions,
            Time = timeProvider ?? TimeProvider.System,
            LocalAddresses = SipRoutingOptionsMapper.GetLocalAddresses(options),
        };
        Router = new SipRouter(model!, routerOptions, services, _logger, metrics);

        foreach (var source in changeSources)
        {
            _subscriptions.Add(ChangeToken.OnChange(source.GetChangeToken, () => Reload()));
        }
    }

    /// <summary>The router kept current.</summary>
    public SipRouter Router { get; }

    /// <summary>Applies the configuration as it is now (what a change notification does).</summary>
    /// <returns><see langword="true"/> when the new rules now serve.</returns>
    public bool Reload()
    {
        try
        {
            var options = Create(out var failures);
            if (options is null)
            {
                RoutingLog.ReloadRejected(_logger, Router.Version, string.Join("; ", failures));
                return false;
            }

            if (!SipRoutingOptionsMapper.TryMap(options, out var model, out var diagnostics))
            {
                RoutingLog.ReloadRejected(_logger, Router.Version, string.Join("; ", diagnostics.Where(d => d.Severity == RoutingDiagnosticSeverity.Error)));
                return false;
            }

            return Router.TryReload(model!, out _);
        }
#pragma warning disable CA1031 // A failed reload must never stop the router serving or stop it listening.
        catch (Exception e)
#pragma warning restore CA1031
        {
            RoutingLog.ReloadFailed(_logger, e);
            return false;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }

    private SipRoutingOptions? Create(out IEnumerable<string> failures)
    {
        try
        {
            failures = [];
            return _factory.Create(Options.DefaultName);
        }
        catch (OptionsValidationException e)
        {
            failures = e.Failures;
            return null;
        }
    }
}
