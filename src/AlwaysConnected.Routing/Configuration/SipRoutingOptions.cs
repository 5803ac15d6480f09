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
}
