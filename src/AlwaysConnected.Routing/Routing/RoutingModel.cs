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
}
