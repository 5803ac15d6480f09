using System.Diagnostics.CodeAnalysis;
using AlwaysConnected.Routing.Presets;
using Microsoft.Extensions.Configuration;

namespace AlwaysConnected.Routing.Configuration;

/// <summary>
/// What <c>AddSipRouting</c> routes with: the host's settings, and the rules read from the <c>Routing</c> section
/// of <c>appsettings.json</c> (<see cref="SipRoutingBuilder.BindConfiguration"/>). The section's rule schema
/// (rules, lines, routes and blocks as arrays, lines in the vendor's notation, <c>"$request = ^INVITE"</c>) is a
/// file format the library reads and writes (<see cref="RoutingModel.ToJson"/>), like the text notation: it has
/// no classes of its own in the public API. In code, rules are given as text (<see cref="DialPlanText"/>,
/// <see cref="ArsText"/>) or built with <see cref="SipRouterBuilder"/>.
/// </summary>
public sealed class SipRoutingOptions
{
    /// <summary>The configuration section this binds from by default.</summary>
    public const string DefaultSectionName = "Routing";

    /// <summary>
    /// The Always Connected preset, or <see langword="null"/> (the default) when it is not used. When set, its rules
    /// are generated before the dial plan and the ARS routes of the section. In the file it is the
    /// <c>AlwaysConnected</c> object, used when its <c>Enabled</c> is <see langword="true"/>.
    /// </summary>
    public AlwaysConnectedOptions? AlwaysConnected { get; set; }

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
    /// Whether in-dialog requests, ACK and CANCEL are evaluated by the dial plan too. Default false. In the file:
    /// <c>DialPlan:EvaluateInDialogRequests</c>.
    /// </summary>
    public bool EvaluateInDialogRequests
    {
        get => DialPlan.EvaluateInDialogRequests;
        set => DialPlan.EvaluateInDialogRequests = value;
    }

    /// <summary>
    /// The match timeout of patterns that need backtracking, in milliseconds. Default 50. In the file:
    /// <c>DialPlan:PatternTimeoutMilliseconds</c>.
    /// </summary>
    public int PatternTimeoutMilliseconds
    {
        get => DialPlan.PatternTimeoutMilliseconds;
        set => DialPlan.PatternTimeoutMilliseconds = value;
    }

    /// <summary>
    /// Handling variables the rules set on purpose that the router gives no meaning (without the <c>$</c>):
    /// declaring one silences the near-miss warning (<c>DP0103</c>) for it. In the file: <c>DialPlan:UserVariables</c>.
    /// </summary>
    public IList<string> UserVariables => DialPlan.UserVariables;

    /// <summary>
    /// More dial plan rules in the vendor's text notation, after the section's <c>Preliminary</c> and <c>Rules</c>.
    /// In the file: <c>DialPlan:Text</c>.
    /// </summary>
    public string? DialPlanText
    {
        get => DialPlan.Text;
        set => DialPlan.Text = value;
    }

    /// <summary>
    /// More ARS routes (and templates, variables) in the vendor's text notation, after the section's <c>Routes</c>.
    /// In the file: <c>Ars:Text</c>.
    /// </summary>
    public string? ArsText
    {
        get => Ars.Text;
        set => Ars.Text = value;
    }

    /// <summary>The dial plan as the file writes it (rules, rule text and the dial plan's settings).</summary>
    internal DialPlanSection DialPlan { get; } = new();

    /// <summary>The ARS routes as the file writes them.</summary>
    internal ArsSection Ars { get; } = new();

    /// <summary>
    /// Reads a <c>Routing</c> section as <see cref="SipRoutingBuilder.BindConfiguration"/> does: the host settings above
    /// and the rules (the dial plan, the ARS routes, the preset), in the file format docs/configuration.md describes.
    /// A tool reads a configuration file so and checks it with <see cref="TryCreateModel"/>, without starting a router.
    /// </summary>
    /// <param name="section">The section (for a whole <c>appsettings.json</c>, its <c>Routing</c> section).</param>
    /// <returns>The options the section says.</returns>
    /// <exception cref="InvalidOperationException">A value has the wrong type (e.g. text where a number belongs); the message names its path.</exception>
    public static SipRoutingOptions FromConfiguration(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var options = new SipRoutingOptions();
        SipRoutingConfigurationBinder.Bind(section, options);
        return options;
    }

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
