using System.Diagnostics.CodeAnalysis;
using AlwaysConnected.Routing.Collections;
using AlwaysConnected.Routing.DialPlan.Text;

namespace AlwaysConnected.Routing.DialPlan;

/// <summary>
/// A complete dial plan: the <see cref="Preliminary"/> rules, evaluated first, then the
/// <see cref="Rules"/>. Within each list the order is the evaluation order.
/// </summary>
public sealed record DialPlanDefinition
{
    /// <summary>Creates a dial plan.</summary>
    /// <param name="preliminary">Rules evaluated before <paramref name="rules"/>.</param>
    /// <param name="rules">The regular rules.</param>
    /// <exception cref="ArgumentException">A list holds null, or two rules share a name.</exception>
    public DialPlanDefinition(EquatableArray<DialPlanRule> preliminary, EquatableArray<DialPlanRule> rules)
    {
        // Names identify rules in diagnostics, traces and session counters, so they must be unique
        // across both lists.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (list, paramName) in new[] { (preliminary, nameof(preliminary)), (rules, nameof(rules)) })
        {
            for (var i = 0; i < list.Count; i++)
            {
                var rule = list[i] ?? throw new ArgumentException($"The rule at index {i} is null.", paramName);
                if (!seen.Add(rule.Name))
                {
                    throw new ArgumentException($"The rule name '{rule.Name}' is used more than once.", paramName);
                }
            }
        }

        Preliminary = preliminary;
        Rules = rules;
    }

    /// <summary>A dial plan without rules: every request gets "no match".</summary>
    public static DialPlanDefinition Empty { get; } = new(EquatableArray<DialPlanRule>.Empty, EquatableArray<DialPlanRule>.Empty);

    /// <summary>Reads a dial plan in the vendor's text notation (docs/dialplan-notation.md).</summary>
    /// <param name="text">The dial plan text.</param>
    /// <returns>The dial plan; <see cref="Empty"/> for text without rules.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="RoutingConfigurationException">The text has errors; all of them are listed.</exception>
    public static DialPlanDefinition Parse(string text) => DialPlanTextReader.Parse(text);

    /// <summary>Reads a dial plan in the text notation, collecting every error instead of throwing.</summary>
    /// <param name="text">The dial plan text.</param>
    /// <param name="definition">The dial plan when the text is valid; otherwise null.</param>
    /// <param name="diagnostics">Every error found, in text order; empty when the text is valid.</param>
    /// <returns>True when the text is valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static bool TryParse(string text, [NotNullWhen(true)] out DialPlanDefinition? definition, out IReadOnlyList<RoutingDiagnostic> diagnostics) =>
        DialPlanTextReader.TryParse(text, out definition, out diagnostics);

    /// <summary>Writes the dial plan in the text notation that <see cref="Parse"/> reads back (LF line ends; empty for an empty dial plan).</summary>
    /// <returns>The text.</returns>
    public string ToText() => DialPlanTextWriter.Write(this);

    /// <summary>The rules evaluated first.</summary>
    public EquatableArray<DialPlanRule> Preliminary { get; }

    /// <summary>The regular rules, evaluated after <see cref="Preliminary"/>.</summary>
    public EquatableArray<DialPlanRule> Rules { get; }
}
