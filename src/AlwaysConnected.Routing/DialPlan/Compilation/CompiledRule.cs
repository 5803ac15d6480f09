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

    /// <summary>A disabled rule is kept (for explain output) but never evaluated.</summary>
    public bool Disabled { get; init; }
}
