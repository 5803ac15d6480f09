using Microsoft.Extensions.Options;

namespace AlwaysConnected.Routing.Configuration;

/// <summary>
/// Validates routing configuration completely: it maps it to the rule model and compiles it, and
/// reports every error with its rule or route, line and field.
/// </summary>
public sealed class SipRoutingOptionsValidator : IValidateOptions<SipRoutingOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SipRoutingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = SipRoutingConfigurationLoader.TryLoad(options, out _, out var diagnostics)
            ? []
            : diagnostics.Where(d => d.Severity == RoutingDiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
