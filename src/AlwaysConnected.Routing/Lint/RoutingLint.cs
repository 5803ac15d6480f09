using AlwaysConnected.Routing.Patterns;

namespace AlwaysConnected.Routing.Lint;

/// <summary>
/// Checks that find rules which load and run but are probably not what their author meant. They never
/// decide anything: the compilers do. Each check reads the model once and indexes what it compares, so its
/// cost grows about linearly with the number of rules (a plan of 100,000 number-prefix rules is linted in
/// well under a second).
/// </summary>
internal static class RoutingLint
{
    public static void Run(RoutingModel model, PatternOptions patterns, List<RoutingDiagnostic> found)
    {
        UnreachableRuleCheck.Run(model.DialPlan, patterns, found);
    }
}
