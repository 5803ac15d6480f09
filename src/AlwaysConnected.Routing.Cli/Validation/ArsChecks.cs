using System.Globalization;
using System.Text.RegularExpressions;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Patterns;

namespace AlwaysConnected.Routing.Cli.Validation;

/// <summary>
/// Checks ARS routes the way the dial plan compiler checks rules: every To/From/Return pattern must
/// compile in the vendor's dialect (Java-only constructs are errors), patterns that need the
/// backtracking engine are warned about, and <c>&amp;tN</c>/<c>&amp;fN</c>/<c>&amp;pN</c> references to
/// groups that do not exist are warned about (they expand to the empty string, as the seed's
/// <c>pin&amp;f1</c> with a blank From does).
/// </summary>
internal static partial class ArsChecks
{
    public const string BadPattern = "SR0101";

    public const string Backtracking = "SR0102";

    public const string MissingGroup = "SR0103";

    public const string BadTemplate = "SR0104";

    public static bool Check(ArsDefinition ars, PatternOptions patterns, string file, List<Finding> findings)
    {
        IEnumerable<ArsRoute> routes;
        try
        {
            routes = ars.GetEffectiveRoutes();
        }
        catch (Exception e) when (e is ArsTemplateException or ArgumentException)
        {
            findings.Add(new Finding(FindingSeverity.Error, BadTemplate, file, e.Message));
            return false;
        }

        var ok = true;
        foreach (var route in routes)
        {
            foreach (var block in route.InBlocks.Concat(route.OutBlocks))
            {
                ok &= CheckBlock(route, block, patterns, file, findings);
            }
        }

        return ok;
    }

    private static bool CheckBlock(ArsRoute route, ArsPatternBlock block, PatternOptions patterns, string file, List<Finding> findings)
    {
        var section = $"{(block.Direction == ArsDirection.In ? "IN" : "OUT")} {block.Number}";
        var ok = true;
        Finding At(FindingSeverity severity, string code, string field, string message) =>
            new(severity, code, file, message) { Rule = route.Name, IsArsRoute = true, Section = section, Field = field };

        int Groups(string? pattern, string field)
        {
            if (string.IsNullOrWhiteSpace(pattern))
            {
                return 0;
            }

            if (!CompiledPattern.TryCompile(pattern, patterns, out var compiled, out var error))
            {
                findings.Add(At(FindingSeverity.Error, BadPattern, field, $"Bad pattern '{pattern}': {error.Message}"));
                ok = false;
                return 0;
            }

            if (compiled.Engine == PatternEngine.RegexBacktracking)
            {
                findings.Add(At(FindingSeverity.Warning, Backtracking, field,
                    $"'{pattern}' needs the backtracking regex engine; it runs with a {patterns.BacktrackingTimeout.TotalMilliseconds} ms timeout."));
            }

            return compiled.GroupCount;
        }

        var toGroups = Groups(block.MatchTo, "To");
        var fromGroups = Groups(block.MatchFrom, "From");
        var pluginGroups = 0;
        foreach (var slot in block.Plugins)
        {
            pluginGroups += Groups(slot.Return, $"Return {slot.Slot}");
        }

        void References(string? value, string field)
        {
            if (value is null)
            {
                return;
            }

            foreach (Match match in GroupReference().Matches(value))
            {
                var kind = match.Groups[1].Value[0];
                var number = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
                var (available, source) = kind switch
                {
                    't' => (toGroups, string.IsNullOrWhiteSpace(block.MatchTo) ? "the To pattern (blank)" : $"the To pattern '{block.MatchTo}'"),
                    'f' => (fromGroups, string.IsNullOrWhiteSpace(block.MatchFrom) ? "the From pattern (blank)" : $"the From pattern '{block.MatchFrom}'"),
                    _ => (pluginGroups, "the plug-in Return patterns"),
                };
                if (number < 1 || number > available)
                {
                    findings.Add(At(FindingSeverity.Warning, MissingGroup, field,
                        $"'{match.Value}' refers to group {number} of {source}, which has {available} group(s); it expands to the empty string."));
                }
            }
        }

        foreach (var slot in block.Plugins)
        {
            References(slot.Param, $"Param {slot.Slot}");
        }

        References(block.DeployTo, "Deploy To");
        References(block.DeployFrom, "Deploy From");
        foreach (var custom in block.Custom)
        {
            References(custom, "Custom");
        }

        return ok;
    }

    // &t1, &f2, &p3 — but not a property such as &to.x or &p1.name.
    [GeneratedRegex(@"&([tfp])([0-9]+)(?![A-Za-z0-9_.\-])", RegexOptions.CultureInvariant)]
    private static partial Regex GroupReference();
}
