using System.Diagnostics.CodeAnalysis;

namespace AlwaysConnected.Routing.Configuration;

/// <summary>
/// The routing rules as configuration (the <c>Routing</c> section of <c>appsettings.json</c>).
/// Rules, lines and routes are arrays because their order matters (first match, capture numbering)
/// and configuration dictionaries do not keep order. Lines are written in the vendor's notation,
/// <c>"$request = ^INVITE"</c>.
/// </summary>
public sealed class SipRoutingOptions
{
    /// <summary>The configuration section this binds from by default.</summary>
    public const string DefaultSectionName = "Routing";

    /// <summary>The SIP server's dial plan.</summary>
    public DialPlanConfiguration DialPlan { get; set; } = new();

    /// <summary>The PBX's ARS routes.</summary>
    public ArsConfiguration Ars { get; set; } = new();

    /// <summary>The Always Connected preset; applied when <see cref="AlwaysConnectedConfiguration.Enabled"/> is set, before the rules above.</summary>
    public AlwaysConnectedConfiguration AlwaysConnected { get; set; } = new();

    /// <summary>
    /// Whether a reload may leave the router with no rules and no routes where it had some. Default
    /// false: such a reload (the section renamed, deleted or emptied by mistake) is refused with a
    /// warning and the previous rules keep serving. Set it in the new configuration to empty the
    /// router on purpose.
    /// </summary>
    public bool AllowNoRules { get; set; }

    /// <summary>Whether requests are validated before any rule runs (<see cref="SipRouterOptions.ValidateRequests"/>). Default true.</summary>
    public bool ValidateRequests { get; set; } = true;

    /// <summary>The server's own addresses besides loopback (<c>$localhost</c>).</summary>
    public IList<string> LocalAddresses { get; } = [];

    /// <summary>
    /// Turns this configuration into the rule model (the Always Connected preset first when enabled, then the
    /// dial plan and the ARS routes), reporting every problem with its configuration path, rule or route,
    /// line and field. This is what <c>AddSipRouting</c> does at load and reload; a tool calls it to check a
    /// configuration file without starting a router.
    /// </summary>
    /// <param name="model">The rule model, or null when there are errors.</param>
    /// <param name="diagnostics">Every problem found (warnings too on success).</param>
    /// <param name="sectionName">The configuration section the options came from, for locations in messages.</param>
    /// <returns><see langword="true"/> when there are no errors.</returns>
    public bool TryCreateModel([NotNullWhen(true)] out RoutingModel? model, out IReadOnlyList<RoutingDiagnostic> diagnostics, string sectionName = DefaultSectionName)
    {
        var ok = SipRoutingOptionsMapper.TryMap(this, out model, out diagnostics, sectionName);
        return ok && model is not null;
    }
}
