using AlwaysConnected.Routing.Ars.Plugins;
using AlwaysConnected.Routing.DialPlan.Functions;
using Microsoft.Extensions.Options;

namespace AlwaysConnected.Routing.Configuration;

/// <summary>
/// Validates routing configuration completely: it maps it to the rule model and compiles it, and
/// reports every error with its rule or route, line and field.
/// </summary>
internal sealed class SipRoutingOptionsValidator : IValidateOptions<SipRoutingOptions>
{
    private readonly SipRouterOptions _template;

    /// <summary>Creates a validator that knows the host's functions and plug-ins (so rules may call them).</summary>
    public SipRoutingOptionsValidator(IEnumerable<DialPlanFunction>? functions = null, IEnumerable<ArsPlugin>? plugins = null)
    {
        var registry = new DialPlanFunctionRegistry();
        foreach (var function in functions ?? [])
        {
            registry.Add(function);
        }

        var pluginRegistry = new ArsPluginRegistry();
        foreach (var plugin in plugins ?? [])
        {
            pluginRegistry.Register(plugin);
        }

        _template = new SipRouterOptions { Functions = registry, Plugins = pluginRegistry };
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SipRoutingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = SipRoutingConfigurationLoader.TryLoad(options, _template, out _, out var diagnostics)
            ? []
            : diagnostics.Where(d => d.Severity == RoutingDiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
