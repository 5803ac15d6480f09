using AlwaysConnected.Routing.Cli.Loading;

namespace AlwaysConnected.Routing.Cli.Validation;

/// <summary>
/// Checks loaded rules with the library's own validation (<see cref="RoutingModel.Validate"/>): the errors and
/// warnings of both compilers and the lint (rules that can never match, ...), exactly as a router loading
/// them would report them.
/// </summary>
internal static class RuleChecks
{
    /// <summary>Validates the rules; returns false when there are errors.</summary>
    /// <param name="rules">The loaded rules.</param>
    /// <param name="dialPlanFile">The file dial plan diagnostics are reported against.</param>
    /// <param name="arsFile">The file ARS diagnostics are reported against.</param>
    /// <param name="findings">Where the findings go.</param>
    public static bool Check(RuleSet rules, string dialPlanFile, string arsFile, List<Finding> findings)
    {
        var diagnostics = rules.ToModel().Validate(rules.CreateRouterOptions());
        Report(diagnostics, dialPlanFile, arsFile, findings);
        return !diagnostics.Any(d => d.IsError);
    }

    /// <summary>Adds diagnostics already found (by a router that loaded the rules) as findings against their files.</summary>
    /// <param name="diagnostics">The diagnostics.</param>
    /// <param name="dialPlanFile">The file dial plan diagnostics are reported against.</param>
    /// <param name="arsFile">The file ARS diagnostics are reported against.</param>
    /// <param name="findings">Where the findings go.</param>
    public static void Report(IEnumerable<RoutingDiagnostic> diagnostics, string dialPlanFile, string arsFile, List<Finding> findings)
    {
        foreach (var diagnostic in diagnostics)
        {
            findings.Add(new Finding(diagnostic.Route is null ? dialPlanFile : arsFile, diagnostic));
        }
    }
}
