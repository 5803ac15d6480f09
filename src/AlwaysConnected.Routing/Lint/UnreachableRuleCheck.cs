using AlwaysConnected.Routing.DialPlan;
using AlwaysConnected.Routing.Patterns;

namespace AlwaysConnected.Routing.Lint;

/// <summary>
/// Finds dial plan rules that can never match because an earlier rule always matches first
/// (<see cref="RoutingDiagnosticIds.UnreachableRule"/>). Conservative: it may miss a shadowed rule, it never
/// reports a reachable one. An earlier rule A shadows a later rule B when all of these hold:
/// <list type="bullet">
/// <item>both are enabled, and A does not deploy <c>$continue</c> (unless literally <c>false</c>);</item>
/// <item>no enabled rule between them deploys <c>$continue</c> (such a rule could change what B sees);</item>
/// <item>A has a matching line, and each is either written identically (same name, same pattern) in B, or
/// trivially true: a positive pattern that matches every value on a name that always has one
/// (<c>$request</c>, <c>$addr</c>, ...) — a header may be absent, and an absent header fails even <c>.*</c>;</item>
/// <item>no line name of A uses <c>%n</c> (group numbers differ between rules).</item>
/// </list>
/// Preliminary rules come before regular rules, as they are evaluated. When several earlier rules shadow B,
/// the nearest is named.
/// </summary>
/// <remarks>
/// Comparing every pair of rules is quadratic: 10,000 rules would take minutes. Instead each candidate A is
/// filed under the one line of its own that the fewest rules share (for a plan of number-prefix rules, the
/// prefix line), and B looks only at the candidates filed under its own lines. A candidate whose every line
/// is trivially true shadows everything after it until the next <c>$continue</c> rule.
/// </remarks>
internal static class UnreachableRuleCheck
{
    private static readonly HashSet<string> AlwaysValued = new(StringComparer.OrdinalIgnoreCase)
    {
        "$request", "$addr", "$port", "$addrPort", "$transport", "$localhost", "$date", "$time",
    };

    public static void Run(DialPlanDefinition dialPlan, PatternOptions patterns, List<RoutingDiagnostic> found)
    {
        var rules = new List<DialPlanRule>(dialPlan.Preliminary.Count + dialPlan.Rules.Count);
        rules.AddRange(dialPlan.Preliminary);
        rules.AddRange(dialPlan.Rules);

        var trivial = new Dictionary<string, bool>(StringComparer.Ordinal);
        var lineKeys = new string[rules.Count][];
        var keyUse = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var line in rules[i].Matching)
            {
                keys.Add(KeyOf(line));
            }

            lineKeys[i] = [.. keys];
            foreach (var key in keys)
            {
                keyUse[key] = keyUse.GetValueOrDefault(key) + 1;
            }
        }

        // The candidates since the last rule that continues: filed under their rarest non-trivial line.
        var filed = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var required = new Dictionary<int, string[]>();
        var alwaysMatching = -1;
        for (var b = 0; b < rules.Count; b++)
        {
            var later = rules[b];
            if (later.Disabled)
            {
                continue;
            }

            var shadowing = FindShadowing(b, lineKeys[b], filed, required, alwaysMatching);
            if (shadowing >= 0)
            {
                var earlier = rules[shadowing];
                found.Add(new RoutingDiagnostic(
                    RoutingDiagnosticIds.UnreachableRule,
                    RoutingDiagnosticSeverity.Warning,
                    $"This rule can never match: rule '{earlier.Name}' comes first and matches every request this one matches ({string.Join("; ", earlier.Matching.Select(l => l.ToString()))}), and does not continue.")
                {
                    Rule = later.Name,
                    Section = "Matching",
                    Line = 1,
                });
            }

            if (Continues(later))
            {
                filed.Clear();
                required.Clear();
                alwaysMatching = -1;
                continue;
            }

            if (later.Matching.Count == 0 || later.Matching.Any(l => l.Name.Contains('%', StringComparison.Ordinal)))
            {
                continue;
            }

            var needed = later.Matching
                .Where(line => !IsTriviallyTrue(line, patterns, trivial))
                .Select(KeyOf)
                .Distinct(StringComparer.Ordinal)
                .ToArray();
            if (needed.Length == 0)
            {
                alwaysMatching = b;
                continue;
            }

            var rarest = needed.MinBy(key => keyUse[key])!;
            if (!filed.TryGetValue(rarest, out var list))
            {
                filed[rarest] = list = [];
            }

            list.Add(b);
            required[b] = needed;
        }
    }

    /// <summary>The nearest earlier candidate whose every needed line B also has, or -1.</summary>
    private static int FindShadowing(int b, string[] keys, Dictionary<string, List<int>> filed, Dictionary<int, string[]> required, int alwaysMatching)
    {
        var nearest = alwaysMatching;
        if (filed.Count == 0)
        {
            return nearest;
        }

        HashSet<string>? present = null;
        foreach (var key in keys)
        {
            if (!filed.TryGetValue(key, out var candidates))
            {
                continue;
            }

            present ??= new HashSet<string>(keys, StringComparer.Ordinal);

            // Newest first: the first that fits is the nearest filed under this key.
            for (var c = candidates.Count - 1; c >= 0 && candidates[c] > nearest; c--)
            {
                var a = candidates[c];
                if (a < b && Array.TrueForAll(required[a], present.Contains))
                {
                    nearest = a;
                    break;
                }
            }
        }

        return nearest;
    }

    private static string KeyOf(MatchingLine line) => line.Name.Trim() + "\n" + line.Pattern;

    private static bool Continues(DialPlanRule rule) => rule.Deploy.Any(d =>
        d.Name.Trim().Equals("$continue", StringComparison.OrdinalIgnoreCase)
        && !d.Value.Trim().Equals("false", StringComparison.OrdinalIgnoreCase));

    private static bool IsTriviallyTrue(MatchingLine line, PatternOptions patterns, Dictionary<string, bool> known)
    {
        if (!AlwaysValued.Contains(line.Name.Trim()))
        {
            return false;
        }

        // Each distinct pattern is compiled once, however many rules use it.
        if (!known.TryGetValue(line.Pattern, out var always))
        {
            always = CompiledPattern.TryCompile(line.Pattern, patterns, out var compiled, out _)
                && !compiled.IsNegated
                && compiled.Engine == PatternEngine.Always;
            known[line.Pattern] = always;
        }

        return always;
    }
}
