namespace AlwaysConnected.Routing.DialPlan.Text;

/// <summary>What a bracketed header in dial plan text introduces.</summary>
internal enum SectionHeaderKind
{
    /// <summary>A '[' without a closing ']'.</summary>
    Unclosed,

    /// <summary>Bracketed text that is not a known header.</summary>
    Unknown,

    /// <summary><c>[Matching Patterns]</c>.</summary>
    Matching,

    /// <summary><c>[Deploy Patterns]</c>.</summary>
    Deploy,

    /// <summary><c>[Rule NAME]</c>.</summary>
    Rule,

    /// <summary><c>[Preliminary Rule NAME]</c>.</summary>
    PreliminaryRule,
}
