using System.Buffers;
using System.Runtime.InteropServices;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Ars.Plugins;
using AlwaysConnected.Routing.Ars.Text;
using AlwaysConnected.Routing.Collections;
using AlwaysConnected.Routing.DialPlan;
using AlwaysConnected.Routing.DialPlan.Functions;
using AlwaysConnected.Routing.DialPlan.Text;
using AlwaysConnected.Routing.Presets;
using AlwaysConnected.Routing.Services;

namespace AlwaysConnected.Routing;

/// <summary>
/// Builds a <see cref="SipRouter"/> in code: dial plan rules, ARS routes, rules loaded from the
/// vendor's text notation, host functions and services. Every addition is checked as it is made,
/// and <see cref="Build"/> checks the whole rule set, throwing one exception that lists every problem.
/// </summary>
/// <remarks>
/// The builder is single-use for its additions: once <see cref="Build"/> or <see cref="BuildModel"/>
/// has run, an addition throws <see cref="InvalidOperationException"/> (a router built earlier could
/// never see it). Building again is allowed and builds an equal router from the same rules. Building
/// never changes what the caller passed in: the functions added with <see cref="AddFunction(string, int, int, Func{DialPlanFunctionContext, IBufferWriter{byte}, bool})"/> go into
/// a copy of the options' function registry, not into the registry of the options given to
/// <see cref="WithOptions"/>.
/// </remarks>
/// <example>
/// <code>
/// var router = new SipRouterBuilder()
///     .AddPreliminaryRule("anti-spoofing", rule => rule
///         .When("$request", "^INVITE").When("$localhost", "^false").When("X-PBX-Param", "^pin$")
///         .Reject(603))
///     .AddRule("to-pbx-core", rule => rule
///         .When("$request", "^INVITE").When("$localhost", "^true").When("$port", "^5056$")
///         .Target("127.0.0.1:5052"))
///     .Build();
/// </code>
/// </example>
public sealed class SipRouterBuilder
{
    private readonly List<DialPlanRule> _preliminary = [];
    private readonly List<DialPlanRule> _rules = [];
    // Each ARS addition is kept as its own definition, so that BuildModel's ArsDefinition.Combine reports
    // every name two additions share, in addition order.
    private readonly List<ArsDefinition> _ars = [];
    private readonly List<RoutingDiagnostic> _problems = [];
    private readonly List<DialPlanFunction> _functions = [];
    private readonly List<ArsPlugin> _plugins = [];
    private SipRouterOptions _options = new();
    private RoutingServices? _services;
    private bool _built;

    /// <summary>Adds a Preliminary rule (evaluated before the Rules).</summary>
    public SipRouterBuilder AddPreliminaryRule(string name, Action<DialPlanRuleBuilder> configure) => AddRule(_preliminary, name, configure);

    /// <summary>Adds a rule (after the Preliminary rules, in the order added).</summary>
    public SipRouterBuilder AddRule(string name, Action<DialPlanRuleBuilder> configure) => AddRule(_rules, name, configure);

    /// <summary>Adds an ARS route.</summary>
    public SipRouterBuilder AddRoute(string name, Action<ArsRouteBuilder> configure)
    {
        ThrowIfBuilt();
        ArgumentNullException.ThrowIfNull(configure);
        Capture(new RoutingDiagnostic(RoutingDiagnosticIds.InvalidAddition, RoutingDiagnosticSeverity.Error, string.Empty) { Route = name }, () =>
        {
            var route = new ArsRouteBuilder(name);
            configure(route);
            _ars.Add(new ArsDefinition([route.Build()]));
        });
        return this;
    }

    /// <summary>Adds the rules of a dial plan written in the vendor's text notation (paste them from its docs).</summary>
    public SipRouterBuilder AddDialPlanText(string text)
    {
        ThrowIfBuilt();
        ArgumentNullException.ThrowIfNull(text);
        if (DialPlanTextReader.TryParse(text, out var definition, out var errors))
        {
            _preliminary.AddRange(definition.Preliminary);
            _rules.AddRange(definition.Rules);
        }
        else
        {
            _problems.AddRange(errors);
        }

        return this;
    }

    /// <summary>Adds ARS routes written in the vendor's text notation.</summary>
    public SipRouterBuilder AddArsText(string text)
    {
        ThrowIfBuilt();
        ArgumentNullException.ThrowIfNull(text);
        var ok = ArsTextReader.TryParse(text, out var definition, out var diagnostics);
        _problems.AddRange(diagnostics);

        if (ok)
        {
            _ars.Add(definition!);
        }

        return this;
    }

    /// <summary>Adds everything in a rule model (for example one read from configuration).</summary>
    public SipRouterBuilder AddModel(RoutingModel model)
    {
        ThrowIfBuilt();
        ArgumentNullException.ThrowIfNull(model);
        _preliminary.AddRange(model.DialPlan.Preliminary);
        _rules.AddRange(model.DialPlan.Rules);
        _ars.Add(model.Ars);
        return this;
    }

    /// <summary>
    /// Adds the rules of the "Always Connected via ITSP" recipe, generated from a few facts: the anti-spoofing
    /// and marker-stripping Preliminary rules, then either the rule straight to the carrier or, when the carrier
    /// demands authentication, the rule to the PBX core with its ARS IN and OUT routes (docs/configuration.md).
    /// </summary>
    /// <param name="configure">Sets the facts (the carrier's domain, the account, ...).</param>
    /// <exception cref="ArgumentException">A required option is missing or malformed.</exception>
    public SipRouterBuilder UseAlwaysConnected(Action<AlwaysConnectedOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new AlwaysConnectedOptions();
        configure(options);
        return AddModel(AlwaysConnectedPreset.CreateModel(options));
    }

    /// <summary>Registers a host <c>$function</c> the rules may call; it replaces a built-in of the same name.</summary>
    /// <param name="name">The name without <c>$</c>, e.g. <c>vip</c> or <c>route.underlimit</c>: letters, digits, <c>.</c> and <c>_</c>; matched case-insensitively.</param>
    /// <param name="minArguments">The fewest arguments it takes (0 or more).</param>
    /// <param name="maxArguments">The most arguments it takes (at least <paramref name="minArguments"/>, at most 8).</param>
    /// <param name="body">What it computes: reads its arguments and writes its UTF-8 result without allocating.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The name is empty or holds other characters.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The argument counts are out of range.</exception>
    /// <example>
    /// A function that tells whether the called user is a VIP:
    /// <code>
    /// builder.AddFunction("vip", 1, 1, static (c, result) =>
    /// {
    ///     c.TryGetArgument(0, out var user);
    ///     result.Write(user.SequenceEqual("1000"u8) ? "true"u8 : "false"u8);
    ///     return true;
    /// });
    /// </code>
    /// </example>
    public SipRouterBuilder AddFunction(string name, int minArguments, int maxArguments, Func<DialPlanFunctionContext, IBufferWriter<byte>, bool> body)
    {
        ThrowIfBuilt();
        _functions.Add(DialPlanFunction.FromHost(name, minArguments, maxArguments, body));
        return this;
    }

    /// <summary>Registers a host plug-in ARS blocks may name; it replaces a built-in of the same name.</summary>
    public SipRouterBuilder AddPlugin(ArsPlugin plugin)
    {
        ThrowIfBuilt();
        ArgumentNullException.ThrowIfNull(plugin);
        _plugins.Add(plugin);
        return this;
    }

    /// <summary>
    /// Uses these options. The functions and plug-ins added with <see cref="AddFunction(string, int, int, Func{DialPlanFunctionContext, IBufferWriter{byte}, bool})"/> and
    /// <see cref="AddPlugin"/> join copies of their registries; the options themselves are left as they are.
    /// </summary>
    public SipRouterBuilder WithOptions(SipRouterOptions options)
    {
        ThrowIfBuilt();
        _options = options ?? throw new ArgumentNullException(nameof(options));
        return this;
    }

    /// <summary>Uses these host services (registrar, block list, clock, ...).</summary>
    public SipRouterBuilder WithServices(RoutingServices services)
    {
        ThrowIfBuilt();
        _services = services ?? throw new ArgumentNullException(nameof(services));
        return this;
    }

    /// <summary>Problems found so far (each addition is checked as it is made).</summary>
    public IReadOnlyList<RoutingDiagnostic> Problems => _problems;

    /// <summary>Builds the rule model without compiling it.</summary>
    /// <exception cref="RoutingConfigurationException">An addition was invalid; every problem is listed.</exception>
    public RoutingModel BuildModel()
    {
        _built = true;
        var problems = new List<RoutingDiagnostic>(_problems.Where(p => p.Severity == RoutingDiagnosticSeverity.Error));
        var ars = ArsDefinition.Empty;
        try
        {
            ars = ArsDefinition.Combine(CollectionsMarshal.AsSpan(_ars));
        }
        catch (RoutingConfigurationException e)
        {
            // The positions Combine gives count this builder's ARS additions, which a caller does not number.
            problems.AddRange(e.Diagnostics.Select(d => d with { Section = null }));
        }

        RoutingModel? model = null;
        try
        {
            model = new RoutingModel(new DialPlanDefinition([.. _preliminary], [.. _rules]), ars);
        }
        catch (ArgumentException e)
        {
            problems.Add(new RoutingDiagnostic(RoutingDiagnosticIds.InvalidRuleSet, RoutingDiagnosticSeverity.Error, e.Message));
        }

        if (problems.Count > 0 || model is null)
        {
            throw new RoutingConfigurationException(problems);
        }

        return model;
    }

    /// <summary>Builds and compiles the router.</summary>
    /// <exception cref="RoutingConfigurationException">The rule set has errors; every problem is listed.</exception>
    public SipRouter Build()
    {
        var model = BuildModel();
        return new SipRouter(model, OptionsWithAdditions(), _services);
    }

    /// <summary>The caller's options with the added functions and plug-ins, in copies so that the caller's options never change.</summary>
    private SipRouterOptions OptionsWithAdditions()
    {
        var options = _options;
        if (_functions.Count > 0)
        {
            var functions = options.Functions.Copy();
            foreach (var function in _functions)
            {
                functions.Add(function);
            }

            options = options.WithFunctions(functions);
        }

        if (_plugins.Count > 0)
        {
            var plugins = options.Plugins.Copy();
            foreach (var plugin in _plugins)
            {
                plugins.Register(plugin);
            }

            options = options.WithPlugins(plugins);
        }

        return options;
    }

    private void ThrowIfBuilt()
    {
        if (_built)
        {
            throw new InvalidOperationException(
                "This SipRouterBuilder has already built; a router built earlier would not see this addition. Use a new builder.");
        }
    }

    private SipRouterBuilder AddRule(List<DialPlanRule> list, string name, Action<DialPlanRuleBuilder> configure)
    {
        ThrowIfBuilt();
        ArgumentNullException.ThrowIfNull(configure);
        Capture(new RoutingDiagnostic(RoutingDiagnosticIds.InvalidAddition, RoutingDiagnosticSeverity.Error, string.Empty) { Rule = name }, () =>
        {
            var rule = new DialPlanRuleBuilder(name);
            configure(rule);
            list.Add(rule.Build());
        });
        return this;
    }

    /// <summary>Runs one addition, turning an invalid argument into a listed problem instead of an early throw.</summary>
    private void Capture(RoutingDiagnostic where, Action add)
    {
        try
        {
            add();
        }
        catch (ArgumentException e)
        {
            _problems.Add(where with { Message = e.Message });
        }
    }
}
