using AlwaysConnected.Routing.Ars.Compilation;
using AlwaysConnected.Routing.DialPlan.Compilation;
using AlwaysConnected.Routing.Lint;

namespace AlwaysConnected.Routing;

/// <summary>Compiles a whole <see cref="RoutingModel"/>, gathering the problems of every stage and the lint into one list.</summary>
internal static class RoutingCompiler
{
    public static bool TryCompile(RoutingModel model, SipRouterOptions options, long version, out RoutingSnapshot? snapshot, out IReadOnlyList<RoutingDiagnostic> diagnostics)
    {
        var found = new List<RoutingDiagnostic>();
        DialPlanCompiler.TryCompile(model.DialPlan, options.DialPlan, version, out var dialPlan, out var dialPlanDiagnostics);
        found.AddRange(dialPlanDiagnostics);
        ArsCompiler.TryCompile(model.Ars, options.Ars, version, out var ars, out var arsDiagnostics);
        found.AddRange(arsDiagnostics);
        RoutingLint.Run(model, options.DialPlan.Patterns, dialPlan, ars, found);

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
