using System.Globalization;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Ars.Compilation;
using AlwaysConnected.Routing.DialPlan;
using AlwaysConnected.Routing.Patterns;

namespace AlwaysConnected.Routing.Lint;

/// <summary>
/// Finds capture groups that nothing reads (<see cref="RoutingDiagnosticIds.UnusedCapture"/>,
/// <see cref="RoutingDiagnosticIds.ArsUnusedCapture"/>): a dial plan group no later line's argument and no
/// deploy value reads as <c>%n</c>, and an ARS To, From or Return group no Param, deploy or Custom value
/// reads as <c>&amp;tN</c>, <c>&amp;fN</c> or <c>&amp;pN</c>. Such a group is usually a leftover or a
/// reference that was meant to be written (<c>&amp;t1</c> forgotten in the deploy To); when it only groups,
/// <c>(?:...)</c> says so.
/// </summary>
/// <remarks>
/// It reads what the compilers already built (group counts of the compiled patterns, the references the
/// value parsers resolved), so no pattern is compiled again and the cost is one pass over the rules.
/// Rules, routes and blocks that are disabled are not compiled into the plan and are not checked.
/// </remarks>
internal static class UnusedCaptureCheck
{
    public static void Run(CompiledDialPlan? dialPlan, CompiledArs? ars, List<RoutingDiagnostic> found)
    {
        if (dialPlan is not null)
        {
            CheckDialPlan(dialPlan, found);
        }

        if (ars is not null)
        {
            CheckArs(ars.Table(ArsDirection.In).Blocks, found);
            CheckArs(ars.Table(ArsDirection.Out).Blocks, found);
        }
    }

    private static void CheckDialPlan(CompiledDialPlan dialPlan, List<RoutingDiagnostic> found)
    {
        foreach (var rule in dialPlan.Rules)
        {
            if (rule.Disabled || rule.GroupCount == 0)
            {
                continue;
            }

            for (var i = 0; i < rule.Matching.Length; i++)
            {
                var line = rule.Matching[i];
                var unused = Unused(line.FirstGroup, line.Pattern.GroupCount, rule.ReferencedGroups);
                if (unused is null)
                {
                    continue;
                }

                found.Add(new RoutingDiagnostic(
                    RoutingDiagnosticIds.UnusedCapture,
                    RoutingDiagnosticSeverity.Warning,
                    $"'{line.Text}' captures {Groups(unused, "%")} but nothing in the rule reads {(unused.Count == 1 ? "it" : "them")} (a later line's argument or a deploy value). Use the group, or write (?:...) if it only groups.")
                {
                    Rule = rule.Name,
                    Section = "Matching",
                    Line = i + 1,
                    Field = "pattern",
                });
            }
        }
    }

    private static void CheckArs(CompiledBlock[] blocks, List<RoutingDiagnostic> found)
    {
        foreach (var block in blocks)
        {
            var to = new List<int>();
            var from = new List<int>();
            var plugin = new List<int>();
            foreach (var template in Templates(block))
            {
                foreach (var part in template.Parts)
                {
                    (part.Kind switch
                    {
                        TemplatePartKind.ToGroup => to,
                        TemplatePartKind.FromGroup => from,
                        TemplatePartKind.PluginGroup => plugin,
                        _ => null,
                    })?.Add(part.Group);
                }
            }

            Report(block, "To", block.Block.MatchTo, block.To, 0, "&t", to, found);
            Report(block, "From", block.Block.MatchFrom, block.From, 0, "&f", from, found);
            foreach (var slot in block.Slots)
            {
                var returnText = block.Block.Plugins.FirstOrDefault(p => p.Slot == slot.Slot)?.Return;
                Report(block, string.Create(CultureInfo.InvariantCulture, $"Return {slot.Slot}"), returnText, slot.Return, slot.FirstGroup, "&p", plugin, found);
            }
        }
    }

    private static IEnumerable<ValueTemplate> Templates(CompiledBlock block)
    {
        foreach (var slot in block.Slots)
        {
            yield return slot.Param;
        }

        if (block.DeployTo is { } deployTo)
        {
            yield return deployTo;
        }

        if (block.DeployFrom is { } deployFrom)
        {
            yield return deployFrom;
        }

        foreach (var custom in block.Custom)
        {
            yield return custom.Value;
        }
    }

    private static void Report(CompiledBlock block, string field, string? text, CompiledPattern? pattern, int firstGroup, string reference, List<int> referenced, List<RoutingDiagnostic> found)
    {
        if (pattern is null || Unused(firstGroup, pattern.GroupCount, referenced) is not { } unused)
        {
            return;
        }

        found.Add(new RoutingDiagnostic(
            RoutingDiagnosticIds.ArsUnusedCapture,
            RoutingDiagnosticSeverity.Warning,
            $"{field} '{text}' captures {Groups(unused, reference)} but no Param, deploy or Custom value of the block reads {(unused.Count == 1 ? "it" : "them")}. Use the group, or write (?:...) if it only groups.")
        {
            Route = block.RouteName,
            Section = ArsCompilation.ArsBlockName(block.Direction, block.Number),
            Field = field,
        });
    }

    /// <summary>The 1-based numbers of the groups <c>firstGroup + 1 .. firstGroup + count</c> not referenced; null when all are.</summary>
    private static List<int>? Unused(int firstGroup, int count, IReadOnlyCollection<int> referenced)
    {
        List<int>? unused = null;
        for (var group = firstGroup + 1; group <= firstGroup + count; group++)
        {
            if (!referenced.Contains(group))
            {
                (unused ??= []).Add(group);
            }
        }

        return unused;
    }

    private static string Groups(List<int> numbers, string reference) =>
        numbers.Count == 1
            ? string.Create(CultureInfo.InvariantCulture, $"group {numbers[0]} ({reference}{numbers[0]})")
            : "groups " + string.Join(", ", numbers.Select(n => string.Create(CultureInfo.InvariantCulture, $"{n} ({reference}{n})")));
}
