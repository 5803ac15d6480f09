namespace AlwaysConnected.Routing.Configuration;

/// <summary>One dial plan rule.</summary>
internal sealed class DialPlanRuleSection
{
    /// <summary>The rule's name (unique).</summary>
    public string? Name { get; set; }

    /// <summary>What the rule is for.</summary>
    public string? Description { get; set; }

    /// <summary>Whether the rule is skipped.</summary>
    public bool Disabled { get; set; }

    /// <summary>Matching lines, <c>NAME = PATTERN</c>, in order.</summary>
    public IList<string> Matching { get; } = [];

    /// <summary>Deploy lines, <c>NAME = VALUE</c>, in order.</summary>
    public IList<string> Deploy { get; } = [];
}
