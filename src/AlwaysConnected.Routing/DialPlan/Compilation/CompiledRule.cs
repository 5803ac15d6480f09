namespace AlwaysConnected.Routing.DialPlan.Compilation;

/// <summary>A rule ready to run.</summary>
internal sealed class CompiledRule(string name, bool isPreliminary, CompiledMatchingLine[] matching, CompiledDeployLine[] deploy, int groupCount)
{
    public string Name { get; } = name;

    public bool IsPreliminary { get; } = isPreliminary;

    public CompiledMatchingLine[] Matching { get; } = matching;

    public CompiledDeployLine[] Deploy { get; } = deploy;

    /// <summary>The number of capture groups across all matching lines.</summary>
    public int GroupCount { get; } = groupCount;

    /// <summary>The most capture groups any one matching line has: the size of the range buffer a match needs.</summary>
    public int MaxLineGroupCount { get; } = matching.Length == 0 ? 0 : matching.Max(line => line.Pattern.InnerGroupCount);

    /// <summary>A disabled rule is kept (for explain output) but never evaluated.</summary>
    public bool Disabled { get; init; }

    /// <summary>
    /// Whether anything reads the rule's groups (<c>%n</c> in a later line's argument or a deploy
    /// value). When nothing does, groups are not extracted on the hot path: a regex engine's capture
    /// pass can cost far more than the match itself.
    /// </summary>
    public bool CapturesReferenced { get; init; }

    /// <summary>The group numbers something in the rule reads (sorted, distinct); the lint reports the others.</summary>
    public int[] ReferencedGroups { get; init; } = [];
}
