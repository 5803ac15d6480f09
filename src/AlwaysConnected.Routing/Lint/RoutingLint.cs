using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.DialPlan;
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
    /// <param name="model">The rules as written.</param>
    /// <param name="patterns">The pattern options the rules run with.</param>
    /// <param name="dialPlan">The compiled dial plan (what the compiler already learnt: group counts, references); null when it did not compile.</param>
    /// <param name="ars">The compiled ARS; null when it did not compile.</param>
    /// <param name="found">Receives the warnings.</param>
    public static void Run(RoutingModel model, PatternOptions patterns, CompiledDialPlan? dialPlan, CompiledArs? ars, List<RoutingDiagnostic> found)
    {
        UnreachableRuleCheck.Run(model.DialPlan, patterns, found);
        UnusedCaptureCheck.Run(dialPlan, ars, found);
    }
}
