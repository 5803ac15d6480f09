using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.DialPlan;

namespace AlwaysConnected.Routing;

/// <summary>
/// The whole rule model a router runs: the SIP server's dial plan and the PBX's ARS routes. The text
/// notation, JSON configuration and the fluent builder all produce this one model, so two rule sets
/// written through different front doors compare equal when they mean the same.
/// </summary>
/// <param name="DialPlan">The dial plan (Preliminary rules and Rules).</param>
/// <param name="Ars">The ARS routes.</param>
public sealed record RoutingModel(DialPlanDefinition DialPlan, ArsDefinition Ars)
{
    /// <summary>A model with no rules and no routes: every request is "no match".</summary>
    public static RoutingModel Empty { get; } = new(DialPlanDefinition.Empty, ArsDefinition.Empty);

    /// <summary>The dial plan.</summary>
    public DialPlanDefinition DialPlan { get; init; } = DialPlan ?? throw new ArgumentNullException(nameof(DialPlan));

    /// <summary>The ARS routes.</summary>
    public ArsDefinition Ars { get; init; } = Ars ?? throw new ArgumentNullException(nameof(Ars));

    /// <summary>
    /// Checks the model as a router would load it, without building one: every compile error and warning of
    /// both stages, and the lint's warnings (rules that can never match, ...). Ids are in
    /// docs/diagnostics.md. A router logs the same warnings when it loads or reloads these rules.
    /// </summary>
    /// <param name="options">The options the rules will run with (functions and plug-ins the rules call); defaults when null.</param>
    /// <returns>Every diagnostic, errors first; the model is usable when none is an error.</returns>
    public IReadOnlyList<RoutingDiagnostic> Validate(SipRouterOptions? options = null)
    {
        RoutingCompiler.TryCompile(this, options ?? new SipRouterOptions(), version: 0, out _, out var diagnostics);
        return diagnostics;
    }

    /// <summary>
    /// Writes the model as an <c>appsettings.json</c> file, <c>{ "Routing": { "DialPlan": ..., "Ars": ... } }</c>, in the
    /// schema <see cref="Configuration.SipRoutingOptions"/> reads (docs/configuration.md): binding its <c>Routing</c> section
    /// (<see cref="Configuration.SipRoutingOptions.FromConfiguration"/>) and calling
    /// <see cref="Configuration.SipRoutingOptions.TryCreateModel"/> gives back an equal model. ARS rules the section's arrays
    /// cannot say (templates, variables, digest user or realm, ...) are written as <c>Ars:Text</c> in the text notation,
    /// so nothing is lost.
    /// </summary>
    /// <param name="localAddresses">The server's own addresses to write as <c>LocalAddresses</c>; none when null.</param>
    /// <returns>The JSON, indented, LF line ends, without a final line end.</returns>
    public string ToJson(IEnumerable<System.Net.IPAddress>? localAddresses = null) => Configuration.RoutingJsonWriter.Write(this, localAddresses);

    /// <summary>
    /// The model in one line for logs and the debugger: how many rules and routes, and their names
    /// (the first ten of each list).
    /// </summary>
    /// <returns>For example <c>dial plan: 1 preliminary rule (anti-spoofing), 1 rule (to-pbx-core); ARS: 1 route (itsp)</c>.</returns>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder("dial plan: ");
        Count(text, "preliminary rule", DialPlan.Preliminary.Select(r => r.Name).ToList());
        text.Append(", ");
        Count(text, "rule", DialPlan.Rules.Select(r => r.Name).ToList());
        text.Append("; ARS: ");
        Count(text, "route", Ars.Routes.Select(r => r.Name).ToList());
        if (Ars.Templates.Count > 0)
        {
            text.Append(", ");
            Count(text, "template", Ars.Templates.Select(t => t.Name).ToList());
        }

        if (Ars.GlobalVariables.Count > 0)
        {
            text.Append(", ").Append(Ars.GlobalVariables.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(" global variable(s)");
        }

        return text.ToString();
    }

    private static void Count(System.Text.StringBuilder text, string noun, List<string> names)
    {
        const int Shown = 10;
        text.Append(names.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(' ').Append(noun);
        if (names.Count != 1)
        {
            text.Append('s');
        }

        if (names.Count > 0)
        {
            text.Append(" (").AppendJoin(", ", names.Take(Shown));
            if (names.Count > Shown)
            {
                text.Append(", ... ").Append((names.Count - Shown).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(" more");
            }

            text.Append(')');
        }
    }
}
