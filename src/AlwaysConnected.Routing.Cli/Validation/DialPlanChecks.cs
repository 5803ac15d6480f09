using AlwaysConnected.Routing.DialPlan;
using AlwaysConnected.Routing.DialPlan.Compilation;

namespace AlwaysConnected.Routing.Cli.Validation;

/// <summary>
/// Compiles a dial plan and reports what the compiler finds (bad names and patterns, Java-only
/// constructs, <c>%n</c> references to groups that do not exist, patterns that need the
/// backtracking engine), plus rules that can never be reached (<see cref="ShadowingCheck"/>).
/// </summary>
internal static class DialPlanChecks
{
    public static bool Check(DialPlanDefinition dialPlan, DialPlanOptions options, string file, List<Finding> findings)
    {
        var ok = DialPlanCompiler.TryCompile(dialPlan, options, version: 1, out _, out var diagnostics);
        findings.AddRange(diagnostics.Select(d => new Finding(ToSeverity(d.Severity), d.Code, file, d.Message)
        {
            Rule = d.RuleName,
            Section = d.Section,
            Line = d.Section is null ? null : d.LineNumber,
            LineIsInSection = true,
            Field = d.Field,
        }));
        findings.AddRange(ShadowingCheck.Find(dialPlan, options.Patterns, file));
        return ok;
    }

    private static FindingSeverity ToSeverity(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => FindingSeverity.Error,
        DiagnosticSeverity.Warning => FindingSeverity.Warning,
        _ => FindingSeverity.Info,
    };
}
