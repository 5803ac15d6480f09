namespace AlwaysConnected.Routing.DialPlan.Text;

/// <summary>The kinds of error the dial plan text reader reports.</summary>
public enum DialPlanTextErrorCode
{
    /// <summary>An entry appears before any <c>[Matching Patterns]</c> or <c>[Deploy Patterns]</c> header.</summary>
    LineOutsideSection = 1,

    /// <summary>An entry has no '=' outside parentheses and quotes.</summary>
    MissingEquals,

    /// <summary>Nothing but white space before the '='.</summary>
    EmptyName,

    /// <summary>A name has a ')' without a '(' or a '(' that is never closed.</summary>
    UnbalancedParentheses,

    /// <summary>A name has a quote that is never closed.</summary>
    UnterminatedQuote,

    /// <summary>A name cannot be used as written (for example it starts with '#').</summary>
    InvalidName,

    /// <summary>A rule has no matching lines.</summary>
    NoMatchingLines,

    /// <summary>A bracketed header that is not one of the known section or rule headers.</summary>
    UnknownSection,

    /// <summary>A rule header followed by more text on the same line.</summary>
    TextAfterHeader,

    /// <summary>A rule's <c>[Deploy Patterns]</c> section appears twice.</summary>
    DuplicateSection,

    /// <summary>Two rules have the same name.</summary>
    DuplicateRuleName,

    /// <summary>A rule name that contains '['.</summary>
    InvalidRuleName,

    /// <summary>A line between a rule header and its first section that is not <c>description</c> or <c>disabled</c>.</summary>
    UnknownRuleAttribute,

    /// <summary>A rule attribute given twice.</summary>
    DuplicateRuleAttribute,

    /// <summary>A rule attribute with a value it cannot take (<c>disabled</c> takes true or false).</summary>
    InvalidRuleAttributeValue,

    /// <summary>A NUL character in the text.</summary>
    InvalidCharacter,

    /// <summary>Text read as a single rule holds no rule, several rules, or a preliminary rule.</summary>
    NotASingleRule,

    /// <summary>Text read as a single line holds a rule header, a section header or several lines.</summary>
    NotASingleLine,
}
