using System.Diagnostics.CodeAnalysis;
using AlwaysConnected.Routing.Collections;

namespace AlwaysConnected.Routing.DialPlan.Text;

/// <summary>
/// Reads dial plan rules written in the vendor's text notation (the <c>[Matching Patterns]</c> /
/// <c>[Deploy Patterns]</c> block form, its one-line form, and <c>[Rule NAME]</c> /
/// <c>[Preliminary Rule NAME]</c> headers). See docs/dialplan-notation.md for the full notation.
/// </summary>
internal static class DialPlanTextReader
{
    /// <summary>Reads a dial plan.</summary>
    /// <param name="text">The dial plan text.</param>
    /// <returns>The dial plan; <see cref="DialPlanDefinition.Empty"/> for text without rules.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="RoutingConfigurationException">The text has errors; all of them are listed.</exception>
    public static DialPlanDefinition Parse(string text) =>
        TryParse(text, out var definition, out var errors) ? definition : throw new RoutingConfigurationException(errors);

    /// <summary>Reads a dial plan, collecting every error instead of throwing.</summary>
    /// <param name="text">The dial plan text.</param>
    /// <param name="definition">The dial plan when the text is valid; otherwise null.</param>
    /// <param name="errors">Every error found, in text order; empty when the text is valid.</param>
    /// <returns>True when the text is valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static bool TryParse(string text, [NotNullWhen(true)] out DialPlanDefinition? definition, out IReadOnlyList<RoutingDiagnostic> errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = DialPlanTextParser.ReadAll(text);
        errors = parser.Errors;
        if (errors.Count > 0)
        {
            definition = null;
            return false;
        }

        var preliminary = parser.Drafts.Where(d => d.IsPreliminary).Select(d => d.ToRule()).ToEquatableArray();
        var rules = parser.Drafts.Where(d => !d.IsPreliminary).Select(d => d.ToRule()).ToEquatableArray();
        definition = new DialPlanDefinition(preliminary, rules);
        return true;
    }

    /// <summary>
    /// Reads text holding exactly one regular rule (for the command line and the fluent builder),
    /// e.g. a rule pasted from the vendor's documentation.
    /// </summary>
    /// <param name="text">The rule, in any accepted form, with or without a <c>[Rule NAME]</c> header.</param>
    /// <param name="name">The name for the rule when the text does not name it.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid rule name.</exception>
    /// <exception cref="RoutingConfigurationException">
    /// The text has errors, holds no rule or several, or holds a preliminary rule.
    /// </exception>
    public static DialPlanRule ParseRule(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        DialPlanRule.RequireRuleName(name, nameof(name));
        var parser = DialPlanTextParser.ReadAll(text);
        if (parser.Errors.Count > 0)
        {
            throw new RoutingConfigurationException(parser.Errors);
        }

        if (parser.Drafts.Count != 1 || parser.Drafts[0].IsPreliminary)
        {
            var found = parser.Drafts.Count == 1 ? "a preliminary rule" : $"{parser.Drafts.Count} rules";
            var line = parser.Drafts.Count > 1 ? parser.Drafts[1].Line : 1;
            throw new RoutingConfigurationException(
            [
                DialPlanTextParser.Error(line, 1, RoutingDiagnosticIds.TextNotASingleRule, $"Expected exactly one regular rule, found {found}.", ruleName: null),
            ]);
        }

        var draft = parser.Drafts[0];
        return draft.ToRule(draft.NameWasGenerated ? name : null);
    }

    /// <summary>Reads one matching line, <c>NAME = PATTERN</c>.</summary>
    /// <param name="line">The line.</param>
    /// <returns>The matching line.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="line"/> is null.</exception>
    /// <exception cref="RoutingConfigurationException">The line is not a valid matching line.</exception>
    public static MatchingLine ParseMatchingLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var parser = DialPlanTextParser.ReadSingleEntry(line, deploy: false);
        return parser.Errors.Count == 0 ? parser.CurrentMatching[0] : throw new RoutingConfigurationException(parser.Errors);
    }

    /// <summary>Reads one deploy line, <c>NAME = VALUE</c> (or the prose form <c>NAME: &lt;empty&gt;</c>).</summary>
    /// <param name="line">The line.</param>
    /// <returns>The deploy line.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="line"/> is null.</exception>
    /// <exception cref="RoutingConfigurationException">The line is not a valid deploy line.</exception>
    public static DeployLine ParseDeployLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var parser = DialPlanTextParser.ReadSingleEntry(line, deploy: true);
        return parser.Errors.Count == 0 ? parser.CurrentDeploy[0] : throw new RoutingConfigurationException(parser.Errors);
    }
}
