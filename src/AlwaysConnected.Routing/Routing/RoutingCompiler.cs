using AlwaysConnected.Routing.Ars.Compilation;
using AlwaysConnected.Routing.DialPlan.Compilation;
using AlwaysConnected.Routing.Lint;

namespace AlwaysConnected.Routing;

/// <summary>Compiles a whole <see cref="RoutingModel"/>, gathering the problems of every stage and the lint into one list.</summary>
internal static class RoutingCompiler
{
    /// <param name="model">The rules.</param>
    /// <param name="options">The router's options; each engine's settings are built from them here.</param>
    /// <param name="version">The snapshot version decisions will carry.</param>
    /// <param name="snapshot">The compiled rules, or null when there are errors.</param>
    /// <param name="diagnostics">Every problem, errors first.</param>
    /// <param name="pluginFailures">Told of each ARS plug-in that throws or times out while the snapshot serves (the router logs and counts them).</param>
    /// <returns>True when there are no errors.</returns>
    public static bool TryCompile(RoutingModel model, SipRouterOptions options, long version, out RoutingSnapshot? snapshot, out IReadOnlyList<RoutingDiagnostic> diagnostics, Action<Ars.Evaluation.ArsPluginFailure>? pluginFailures = null)
    {
        var found = new List<RoutingDiagnostic>();
        var dialPlanOptions = options.CreateDialPlanOptions();
        DialPlanCompiler.TryCompile(model.DialPlan, dialPlanOptions, version, out var dialPlan, out var dialPlanDiagnostics);
        found.AddRange(dialPlanDiagnostics);
        ArsCompiler.TryCompile(model.Ars, options.CreateArsOptions(pluginFailures), version, out var ars, out var arsDiagnostics);
        found.AddRange(arsDiagnostics);
        RoutingLint.Run(model, dialPlanOptions.Patterns, dialPlan, ars, found);

        diagnostics = [.. found.OrderByDescending(d => d.Severity)];
        if (dialPlan is null || ars is null || found.Exists(d => d.Severity == RoutingDiagnosticSeverity.Error))
        {
            snapshot = null;
            return false;
        }

        snapshot = new RoutingSnapshot(model, dialPlan, ars, version, diagnostics);
        return true;
    }
}
