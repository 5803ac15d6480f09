using AlwaysConnected.Routing.Collections;

namespace AlwaysConnected.Routing.DialPlan.Text;

/// <summary>A rule while its text is being read; becomes a <see cref="DialPlanRule"/> once the text is valid.</summary>
internal sealed class RuleDraft
{
    /// <summary>Creates a draft.</summary>
    /// <param name="name">The name as given in the header, or a generated one.</param>
    /// <param name="nameWasGenerated">True when the text gave no name.</param>
    /// <param name="isPreliminary">True for a <c>[Preliminary Rule]</c>.</param>
    /// <param name="line">The 1-based line where the rule starts.</param>
    /// <param name="column">The 1-based column where the rule starts.</param>
    internal RuleDraft(string name, bool nameWasGenerated, bool isPreliminary, int line, int column)
    {
        Name = name;
        NameWasGenerated = nameWasGenerated;
        IsPreliminary = isPreliminary;
        Line = line;
        Column = column;
    }

    internal string Name { get; }

    internal bool NameWasGenerated { get; }

    internal bool IsPreliminary { get; }

    internal int Line { get; }

    internal int Column { get; }

    internal string? Description { get; set; }

    internal bool DescriptionSeen { get; set; }

    internal bool Disabled { get; set; }

    internal bool DisabledSeen { get; set; }

    internal bool HasMatchingSection { get; set; }

    internal bool HasDeploySection { get; set; }

    internal bool HasAnySection => HasMatchingSection || HasDeploySection;

    /// <summary>Matching entries seen, counting those with errors, so a bad line does not also report "no matching lines".</summary>
    internal int MatchingEntriesSeen { get; set; }

    internal List<MatchingLine> Matching { get; } = [];

    internal List<DeployLine> Deploy { get; } = [];

    /// <summary>Builds the rule, optionally under another name.</summary>
    internal DialPlanRule ToRule(string? name = null) =>
        new(name ?? Name, Matching.ToEquatableArray(), Deploy.ToEquatableArray(), Description, Disabled);
}
