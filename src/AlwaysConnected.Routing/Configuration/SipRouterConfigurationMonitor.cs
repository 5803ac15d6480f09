using AlwaysConnected.Routing.Ars.State;
using AlwaysConnected.Routing.DialPlan.Functions;
using AlwaysConnected.Routing.Diagnostics;
using AlwaysConnected.Routing.Services;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace AlwaysConnected.Routing.Configuration;

/// <summary>
/// Builds the router from configuration and keeps it current: on each configuration change it binds,
/// checks and compiles the new rules off the hot path, publishes them atomically, and keeps the last
/// good rules (and keeps listening) when a change is invalid or would leave no rules.
/// </summary>
/// <remarks>
/// <para>
/// It binds the options itself (the registered configure, post-configure and validation steps, as
/// the options factory does) rather than through a monitor, so that an invalid change surfaces here
/// as a rejected reload, never as an exception thrown into the configuration provider's change
/// notification; and it compiles the rules once per change, for the router, instead of once for
/// the options validator and again for the router.
/// </para>
/// <para>
/// A save often raises two change notifications (editors write a file in steps): notifications are
/// collapsed over <see cref="ReloadDelay"/>, and a change whose rules and options equal the ones
/// serving is not a new version.
/// </para>
/// </remarks>
internal sealed class SipRouterConfigurationMonitor : IDisposable
{
    /// <summary>How long after the last change notification the configuration is read again.</summary>
    public static readonly TimeSpan ReloadDelay = TimeSpan.FromMilliseconds(250);

    private readonly IEnumerable<IConfigureOptions<SipRoutingOptions>> _setups;
    private readonly IEnumerable<IPostConfigureOptions<SipRoutingOptions>> _postConfigures;
    private readonly IEnumerable<IValidateOptions<SipRoutingOptions>> _validations;
    private readonly IConfiguration? _configuration;
    private readonly SipRouterOptions _template;
    private readonly ILogger<SipRouter> _logger;
    private readonly TimeProvider _time;
    private readonly Lock _reloadGate = new();
    private readonly List<IDisposable> _subscriptions = [];
    private ITimer? _pendingReload;
    private RouterSettings _settings;

    /// <summary>Creates the router from the current configuration.</summary>
    /// <remarks>
    /// A registered <see cref="IArsBlockStateStore"/> shares the ARS blocks' sessions and failures with other routers; a
    /// registered <see cref="ISipHostResolver"/> resolves registrars named by host names for routes that accept inbound
    /// calls only from their registered trunk (<see cref="SipRouterOptions.HostResolver"/>).
    /// </remarks>
    /// <exception cref="RoutingConfigurationException">The configuration is invalid at start (the first load fails fast).</exception>
    public SipRouterConfigurationMonitor(
        IEnumerable<IConfigureOptions<SipRoutingOptions>> setups,
        IEnumerable<IPostConfigureOptions<SipRoutingOptions>> postConfigures,
        IEnumerable<IValidateOptions<SipRoutingOptions>> validations,
        IEnumerable<IOptionsChangeTokenSource<SipRoutingOptions>> changeSources,
        IEnumerable<DialPlanFunction> functions,
        IEnumerable<Ars.Plugins.ArsPlugin> plugins,
        ISipRegistrar registrar,
        IAliasDirectory aliases,
        IBlockList blockList,
        ISessionCounters sessions,
        RoutingMetrics metrics,
        ILogger<SipRouter>? logger = null,
        TimeProvider? timeProvider = null,
        IConfiguration? configuration = null,
        IArsBlockStateStore? blockStateStore = null,
        ISipHostResolver? hostResolver = null)
    {
        ArgumentNullException.ThrowIfNull(setups);
        ArgumentNullException.ThrowIfNull(postConfigures);
        ArgumentNullException.ThrowIfNull(validations);
        ArgumentNullException.ThrowIfNull(changeSources);
        ArgumentNullException.ThrowIfNull(functions);
        _setups = setups;
        _postConfigures = postConfigures;
        _validations = validations;
        _configuration = configuration;
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<SipRouter>.Instance;
        _time = timeProvider ?? TimeProvider.System;

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

        _template = new SipRouterOptions
        {
            Functions = registry,
            Plugins = pluginRegistry,
            TimeProvider = _time,
            BlockStateStore = blockStateStore,
            States = new Ars.Evaluation.ArsBlockStates(blockStateStore),
            HostResolver = hostResolver,
        };
        if (!SipRoutingOptionsMapper.TryMap(options, out var model, out var diagnostics))
        {
            throw new RoutingConfigurationException(diagnostics);
        }

        _settings = RouterSettings.From(options);
        var services = new RoutingServices
        {
            Registrar = registrar,
            Aliases = aliases,
            BlockList = blockList,
            Sessions = sessions,
            Time = _time,
            LocalAddresses = _settings.LocalAddresses,
        };
        Router = new SipRouter(model!, SipRoutingConfigurationLoader.CreateRouterOptions(options, _template), services, _logger, metrics);

        foreach (var source in changeSources)
        {
            _subscriptions.Add(ChangeToken.OnChange(source.GetChangeToken, ScheduleReload));
        }
    }

    /// <summary>The router kept current.</summary>
    public SipRouter Router { get; }

    /// <summary>The configuration section the rules are bound to, when known (it names the cause of a refused reload).</summary>
    internal string? SectionPath { get; set; }

    /// <summary>Applies the configuration as it is now (what a change notification does, after <see cref="ReloadDelay"/>).</summary>
    /// <returns>
    /// <see langword="true"/> when the configuration's rules now serve (a new version, or the same
    /// rules as before); <see langword="false"/> when the change was refused and the previous rules keep serving.
    /// </returns>
    public bool Reload()
    {
        lock (_reloadGate)
        {
            try
            {
                return ReloadCore();
            }
#pragma warning disable CA1031 // A failed reload must never stop the router serving or stop it listening.
            catch (Exception e)
#pragma warning restore CA1031
            {
                RoutingLog.ReloadFailed(_logger, e);
                return false;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        lock (_reloadGate)
        {
            _pendingReload?.Dispose();
            _pendingReload = null;
        }
    }

    private bool ReloadCore()
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

        var settings = RouterSettings.From(options);
        if (HasNoRules(model!) && !HasNoRules(Router.Model) && !options.AllowNoRules)
        {
            RoutingLog.ReloadRefusedNoRules(_logger, Router.Version, DescribeMissingRules());
            return false;
        }

        if (model!.Equals(Router.Model) && settings.Equals(_settings))
        {
            RoutingLog.ReloadUnchanged(_logger, Router.Version);
            return true;
        }

        var applied = Router.TryReloadWith(model, SipRoutingConfigurationLoader.CreateRouterOptions(options, _template), settings.LocalAddresses, out _);
        if (applied)
        {
            _settings = settings;
        }

        return applied;
    }

    private void ScheduleReload()
    {
        lock (_reloadGate)
        {
            // Each notification pushes the reload back, so a burst (one save, two events) is one reload.
            _pendingReload ??= _time.CreateTimer(_ => Reload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _pendingReload.Change(ReloadDelay, Timeout.InfiniteTimeSpan);
        }
    }

    private string DescribeMissingRules()
    {
        var path = SectionPath;
        if (path is null || _configuration is null)
        {
            return "the new configuration has no dial plan rules and no ARS routes";
        }

        return _configuration.GetSection(path).Exists()
            ? $"the section '{path}' has no dial plan rules and no ARS routes (emptied)"
            : $"the section '{path}' is missing (renamed, deleted, or its file did not load)";
    }

    private static bool HasNoRules(RoutingModel model) =>
        model.DialPlan.Preliminary.Count + model.DialPlan.Rules.Count == 0 && model.Ars.Routes.Count + model.Ars.Templates.Count == 0;

    /// <summary>Binds the options as the options factory does, without compiling the rules (the router does that, once).</summary>
    private SipRoutingOptions? Create(out IEnumerable<string> failures)
    {
        var options = new SipRoutingOptions();
        foreach (var setup in _setups)
        {
            if (setup is IConfigureNamedOptions<SipRoutingOptions> named)
            {
                named.Configure(Options.DefaultName, options);
            }
            else
            {
                setup.Configure(options);
            }
        }

        foreach (var post in _postConfigures)
        {
            post.PostConfigure(Options.DefaultName, options);
        }

        var found = new List<string>();
        foreach (var validation in _validations)
        {
            if (validation is SipRoutingOptionsValidator)
            {
                // It maps and compiles the rules; the router's compilation below reports the same errors.
                continue;
            }

            var result = validation.Validate(Options.DefaultName, options);
            if (result.Failed)
            {
                found.AddRange(result.Failures ?? [result.FailureMessage]);
            }
        }

        failures = found;
        return found.Count == 0 ? options : null;
    }

    /// <summary>The router settings configuration carries besides the rules.</summary>
    private sealed record RouterSettings(
        int PatternTimeoutMilliseconds,
        bool EvaluateInDialogRequests,
        bool ValidateRequests,
        Collections.EquatableArray<System.Net.IPAddress> LocalAddresses,
        Collections.EquatableArray<string> UserVariables)
    {
        public static RouterSettings From(SipRoutingOptions options) => new(
            options.DialPlan.PatternTimeoutMilliseconds,
            options.DialPlan.EvaluateInDialogRequests,
            options.ValidateRequests,
            [.. SipRoutingOptionsMapper.GetLocalAddresses(options)],
            [.. options.DialPlan.UserVariables]);
    }
}
