using AlwaysConnected.Routing.Collections;

namespace AlwaysConnected.Routing.DialPlan;

/// <summary>
/// A dial plan rule: when all <see cref="Matching"/> conditions hold, the <see cref="Deploy"/>
/// actions are applied.
/// </summary>
public sealed record DialPlanRule
{
    /// <summary>Creates a rule.</summary>
    /// <param name="name">
    /// The rule's name, unique within a dial plan. Must not be empty, start or end with white space,
    /// or contain '[', ']', CR, LF or NUL.
    /// </param>
    /// <param name="matching">The conditions; at least one (write <c>$request = .</c> for "always").</param>
    /// <param name="deploy">The actions; may be empty (the rule then only stops evaluation).</param>
    /// <param name="description">An optional one-line description.</param>
    /// <param name="disabled">True to keep the rule but skip it during evaluation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException">An argument breaks the rules above, or a list holds null.</exception>
    public DialPlanRule(
        string name,
        EquatableArray<MatchingLine> matching,
        EquatableArray<DeployLine> deploy,
        string? description = null,
        bool disabled = false)
    {
        Name = RequireRuleName(name, nameof(name));
        if (matching.Count == 0)
        {
            throw new ArgumentException($"Rule '{name}' needs at least one matching line.", nameof(matching));
        }

        RequireNoNulls(matching, nameof(matching), name);
        RequireNoNulls(deploy, nameof(deploy), name);
        Matching = matching;
        Deploy = deploy;
        Description = description is null ? null : TextFieldRules.Require(description, nameof(description), "rule description");
        Disabled = disabled;
    }

    /// <summary>The rule's name.</summary>
    public string Name { get; }

    /// <summary>An optional description.</summary>
    public string? Description { get; }

    /// <summary>True when the rule is skipped during evaluation.</summary>
    public bool Disabled { get; }

    /// <summary>The conditions, all of which must hold.</summary>
    public EquatableArray<MatchingLine> Matching { get; }

    /// <summary>The actions, applied in order.</summary>
    public EquatableArray<DeployLine> Deploy { get; }

    /// <summary>Throws unless <paramref name="name"/> is a valid rule name.</summary>
    internal static string RequireRuleName(string? name, string paramName)
    {
        TextFieldRules.Require(name, paramName, "rule name");
        if (name!.Length == 0)
        {
            throw new ArgumentException("The rule name must not be empty.", paramName);
        }

        if (name.AsSpan().IndexOfAny('[', ']') >= 0)
        {
            throw new ArgumentException($"The rule name must not contain '[' or ']': '{name}'.", paramName);
        }

        return name;
    }

    private static void RequireNoNulls<T>(EquatableArray<T> items, string paramName, string ruleName)
        where T : class
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                throw new ArgumentException($"Rule '{ruleName}' has a null entry at index {i}.", paramName);
            }
        }
    }
}
