using AlwaysConnected.Routing.Ars.Compilation;
using AlwaysConnected.Routing.Ars.Text;
using AlwaysConnected.Routing.DialPlan;
using AlwaysConnected.Routing.DialPlan.Compilation;

namespace AlwaysConnected.Routing;

/// <summary>Compiles a whole <see cref="RoutingModel"/>, gathering the problems of every stage into one list.</summary>
internal static class RoutingCompiler
{
    public static bool TryCompile(RoutingModel model, SipRouterOptions options, long version, out RoutingSnapshot? snapshot, out IReadOnlyList<RoutingDiagnostic> diagnostics)
    {
        var found = new List<RoutingDiagnostic>();
        DialPlanCompiler.TryCompile(model.DialPlan, options.DialPlan, version, out var dialPlan, out var dialPlanDiagnostics);
        found.AddRange(dialPlanDiagnostics.Select(Convert));
        ArsCompiler.TryCompile(model.Ars, options.Ars, version, out var ars, out var arsDiagnostics);
        found.AddRange(arsDiagnostics.Select(Convert));

        diagnostics = [.. found.OrderByDescending(d => d.Severity)];
        if (dialPlan is null || ars is null || found.Exists(d => d.Severity == RoutingDiagnosticSeverity.Error))
        {
            snapshot = null;
            return false;
        }

        snapshot = new RoutingSnapshot(model, dialPlan, ars, version, diagnostics);
        return true;
    }

    private static RoutingDiagnostic Convert(ArsDiagnostic d)
    {
        var location = $"ARS route '{d.RouteName}'"
            + (d.Direction is null ? string.Empty : $", {d.Direction.ToString()!.ToUpperInvariant()} {d.BlockNumber}")
            + (d.Field is null ? string.Empty : $", field '{d.Field}'");
        var severity = d.Severity == ArsDiagnosticSeverity.Error ? RoutingDiagnosticSeverity.Error : RoutingDiagnosticSeverity.Warning;
        return new RoutingDiagnostic(severity, d.Code, location, d.Message);
    }

    private static RoutingDiagnostic Convert(DialPlanDiagnostic d)
    {
        var location = d.Section is null
            ? $"dial plan rule '{d.RuleName}'"
            : $"dial plan rule '{d.RuleName}', {d.Section} line {d.LineNumber}{(d.Field is null ? string.Empty : ", " + d.Field)}";
        var severity = d.Severity switch
        {
            DiagnosticSeverity.Error => RoutingDiagnosticSeverity.Error,
            DiagnosticSeverity.Warning => RoutingDiagnosticSeverity.Warning,
            _ => RoutingDiagnosticSeverity.Info,
        };
        return new RoutingDiagnostic(severity, d.Code, location, d.Message);
    }
}
