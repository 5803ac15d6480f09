using System.Text;

namespace AlwaysConnected.Routing.DialPlan.Text;

/// <summary>
/// Writes a dial plan in the canonical block form of the text notation: each rule under a
/// <c>[Preliminary Rule NAME]</c> or <c>[Rule NAME]</c> header, then <c>description</c> and
/// <c>disabled</c> when set, then its <c>[Matching Patterns]</c> and <c>[Deploy Patterns]</c>
/// sections, one <c>NAME = VALUE</c> per line. <see cref="DialPlanTextReader.Parse"/> reads the
/// output back to an equal <see cref="DialPlanDefinition"/>.
/// </summary>
internal static class DialPlanTextWriter
{
    /// <summary>Writes <paramref name="definition"/> as text (LF line ends; empty for an empty dial plan).</summary>
    /// <param name="definition">The dial plan.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> is null.</exception>
    public static string Write(DialPlanDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var builder = new StringBuilder();
        foreach (var rule in definition.Preliminary)
        {
            WriteRule(builder, "Preliminary Rule", rule);
        }

        foreach (var rule in definition.Rules)
        {
            WriteRule(builder, "Rule", rule);
        }

        return builder.ToString();
    }

    private static void WriteRule(StringBuilder builder, string header, DialPlanRule rule)
    {
        if (builder.Length > 0)
        {
            builder.Append('\n');
        }

        builder.Append('[').Append(header).Append(' ').Append(rule.Name).Append("]\n");
        if (rule.Description is not null)
        {
            AppendEntry(builder, "description", rule.Description);
        }

        if (rule.Disabled)
        {
            builder.Append("disabled = true\n");
        }

        builder.Append("[Matching Patterns]\n");
        foreach (var line in rule.Matching)
        {
            AppendEntry(builder, line.Name, line.Pattern);
        }

        builder.Append("[Deploy Patterns]\n");
        foreach (var line in rule.Deploy)
        {
            AppendEntry(builder, line.Name, line.Value);
        }
    }

    private static void AppendEntry(StringBuilder builder, string name, string value)
    {
        builder.Append(name).Append(" =");
        if (value.Length > 0)
        {
            builder.Append(' ').Append(value);
        }

        builder.Append('\n');
    }
}
