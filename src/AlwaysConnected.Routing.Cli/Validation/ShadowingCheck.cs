using AlwaysConnected.Routing.DialPlan;
using AlwaysConnected.Routing.Patterns;

namespace AlwaysConnected.Routing.Cli.Validation;

/// <summary>
/// Finds rules that can never match because an earlier rule always matches first. Deliberately
/// conservative (it may miss a shadowed rule, it never reports a reachable one). An earlier rule A
/// shadows a later rule B when all of these hold:
/// <list type="bullet">
/// <item>both are enabled, and A does not deploy <c>$continue</c> (unless literally <c>false</c>);</item>
/// <item>no enabled rule between them deploys <c>$continue</c> (such a rule could change what B sees);</item>
/// <item>every matching line of A is either written identically (same name, same pattern) in B, or
/// trivially true: a positive pattern that matches every value (empty, <c>.*</c>, <c>^</c>) on a name
/// that always has a value (<c>$request</c>, <c>$addr</c>, <c>$port</c>, <c>$addrPort</c>,
/// <c>$transport</c>, <c>$localhost</c>, <c>$date</c>, <c>$time</c>) — a header may be absent, and an
/// absent header fails even <c>.*</c>;</item>
/// <item>no line of A uses <c>%n</c> (group numbers differ between rules).</item>
/// </list>
/// Preliminary rules come before regular rules, as they are evaluated.
/// </summary>
internal static class ShadowingCheck
{
    public const string Code = "SR0001";

    private static readonly HashSet<string> AlwaysValued = new(StringComparer.OrdinalIgnoreCase)
    {
        "$request", "$addr", "$port", "$addrPort", "$transport", "$localhost", "$date", "$time",
    };

    public static IEnumerable<Finding> Find(DialPlanDefinition dialPlan, PatternOptions patterns, string file)
    {
        var ordered = dialPlan.Preliminary.Concat(dialPlan.Rules).ToList();
        for (var b = 1; b < ordered.Count; b++)
        {
            var later = ordered[b];
            if (later.Disabled)
            {
                continue;
            }

            for (var a = b - 1; a >= 0; a--)
            {
                var earlier = ordered[a];
                if (earlier.Disabled)
                {
                    continue;
                }

                if (Continues(earlier))
                {
                    break;
                }

                if (Covers(earlier, later, patterns))
                {
                    yield return new Finding(
                        FindingSeverity.Warning,
                        Code,
                        file,
                        $"This rule can never match: rule '{earlier.Name}' comes first and matches every request this one matches ({Describe(earlier)}), and does not continue.")
                    {
                        Rule = later.Name,
                        Section = "Matching",
                        Line = 1,
                        LineIsInSection = true,
                    };
                    break;
                }
            }
        }
    }

    private static bool Continues(DialPlanRule rule) => rule.Deploy.Any(d =>
        d.Name.Trim().Equals("$continue", StringComparison.OrdinalIgnoreCase)
        && !d.Value.Trim().Equals("false", StringComparison.OrdinalIgnoreCase));

    private static bool Covers(DialPlanRule earlier, DialPlanRule later, PatternOptions patterns) =>
        earlier.Matching.Count > 0
        && earlier.Matching.All(line =>
            !line.Name.Contains('%', StringComparison.Ordinal)
            && (IsTriviallyTrue(line, patterns) || later.Matching.Any(other => SameLine(line, other))));

    private static bool SameLine(MatchingLine a, MatchingLine b) =>
        string.Equals(a.Name.Trim(), b.Name.Trim(), StringComparison.Ordinal)
        && string.Equals(a.Pattern, b.Pattern, StringComparison.Ordinal);

    private static bool IsTriviallyTrue(MatchingLine line, PatternOptions patterns) =>
        AlwaysValued.Contains(line.Name.Trim())
        && CompiledPattern.TryCompile(line.Pattern, patterns, out var compiled, out _)
        && !compiled.IsNegated
        && compiled.Engine == PatternEngine.Always;

    private static string Describe(DialPlanRule rule) =>
        string.Join("; ", rule.Matching.Select(l => l.ToString()));
}
