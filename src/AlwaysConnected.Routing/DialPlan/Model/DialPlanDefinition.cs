using AlwaysConnected.Routing.Collections;

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

    /// <summary>The rules evaluated first.</summary>
    public EquatableArray<DialPlanRule> Preliminary { get; }

    /// <summary>The regular rules, evaluated after <see cref="Preliminary"/>.</summary>
    public EquatableArray<DialPlanRule> Rules { get; }
}
