namespace AlwaysConnected.Routing;

/// <summary>
/// Every <see cref="RoutingDiagnostic.Id"/> the library reports, so a host can recognise one without
/// repeating its text. docs/diagnostics.md explains each: what it means, an example and the fix.
/// </summary>
/// <remarks>
/// Prefixes: <c>DPT</c> dial plan text, <c>DP</c> dial plan rules, <c>ART</c> ARS text, <c>ARS</c> ARS routes,
/// <c>CFG</c> builder and configuration. Ids never change meaning; a retired id is not reused.
/// </remarks>
public static class RoutingDiagnosticIds
{
    /// <summary>Dial plan text: an entry before any <c>[Matching Patterns]</c> or <c>[Deploy Patterns]</c> header.</summary>
    public const string TextLineOutsideSection = "DPT0001";

    /// <summary>Dial plan text: an entry without '=' outside parentheses and quotes.</summary>
    public const string TextMissingEquals = "DPT0002";

    /// <summary>Dial plan text: nothing but white space before the '='.</summary>
    public const string TextEmptyName = "DPT0003";

    /// <summary>Dial plan text: a name with unbalanced parentheses.</summary>
    public const string TextUnbalancedParentheses = "DPT0004";

    /// <summary>Dial plan text: a name with a quote that is never closed.</summary>
    public const string TextUnterminatedQuote = "DPT0005";

    /// <summary>Dial plan text: a name that cannot be used as written.</summary>
    public const string TextInvalidName = "DPT0006";

    /// <summary>Dial plan text: a rule without matching lines.</summary>
    public const string TextNoMatchingLines = "DPT0007";

    /// <summary>Dial plan text: an unknown bracketed header.</summary>
    public const string TextUnknownSection = "DPT0008";

    /// <summary>Dial plan text: more text after a rule header on its line.</summary>
    public const string TextAfterHeader = "DPT0009";

    /// <summary>Dial plan text: a rule's <c>[Deploy Patterns]</c> section appears twice.</summary>
    public const string TextDuplicateSection = "DPT0010";

    /// <summary>Dial plan text: two rules with the same name.</summary>
    public const string TextDuplicateRuleName = "DPT0011";

    /// <summary>Dial plan text: a rule name that cannot be used.</summary>
    public const string TextInvalidRuleName = "DPT0012";

    /// <summary>Dial plan text: an unknown rule attribute.</summary>
    public const string TextUnknownRuleAttribute = "DPT0013";

    /// <summary>Dial plan text: a rule attribute given twice.</summary>
    public const string TextDuplicateRuleAttribute = "DPT0014";

    /// <summary>Dial plan text: a rule attribute with a value it cannot take.</summary>
    public const string TextInvalidRuleAttributeValue = "DPT0015";

    /// <summary>Dial plan text: a NUL character.</summary>
    public const string TextInvalidCharacter = "DPT0016";

    /// <summary>Dial plan text read as one rule holds none, several, or a preliminary rule.</summary>
    public const string TextNotASingleRule = "DPT0017";

    /// <summary>Dial plan text read as one line holds a header or several lines.</summary>
    public const string TextNotASingleLine = "DPT0018";

    /// <summary>Dial plan: a matching line's name is not a header, <c>$variable</c>, <c>$function(...)</c> or <c>&amp;variable</c>.</summary>
    public const string InvalidMatchingName = "DP0001";

    /// <summary>Dial plan: a matching pattern does not compile.</summary>
    public const string InvalidPattern = "DP0002";

    /// <summary>Dial plan: a deploy value does not parse (functions, <c>%n</c>, quotes).</summary>
    public const string InvalidDeployValue = "DP0003";

    /// <summary>Dial plan: a deploy name is not a header, <c>$variable</c> or <c>&amp;variable</c>.</summary>
    public const string InvalidDeployName = "DP0004";

    /// <summary>Dial plan: <c>$action</c>/<c>$response</c> is not a status code from 100 to 699.</summary>
    public const string InvalidResponse = "DP0005";

    /// <summary>Dial plan: <c>$target</c> is not a host[:port], a SIP URI or a list of them.</summary>
    public const string InvalidTarget = "DP0006";

    /// <summary>Dial plan: a deploy <c>To</c> is not a URI.</summary>
    public const string InvalidToUri = "DP0007";

    /// <summary>Dial plan (info): which engine a pattern got.</summary>
    public const string PatternEngine = "DP0100";

    /// <summary>Dial plan (warning): a pattern needs the backtracking regular expression engine.</summary>
    public const string BacktrackingPattern = "DP0101";

    /// <summary>Dial plan (warning): <c>$target</c> in a preliminary rule.</summary>
    public const string TargetInPreliminaryRule = "DP0102";

    /// <summary>Dial plan (warning): a deploy <c>$variable</c> a small edit away from a handling variable (<c>$taget</c> for <c>$target</c>).</summary>
    public const string NearMissName = "DP0103";

    /// <summary>Dial plan lint (warning): an earlier rule always matches first, so this rule never does.</summary>
    public const string UnreachableRule = "DP0200";

    /// <summary>Dial plan lint (warning): a matching pattern captures a group that nothing in the rule reads as <c>%n</c>.</summary>
    public const string UnusedCapture = "DP0201";

    /// <summary>ARS text: a section or field where it does not belong.</summary>
    public const string ArsTextMisplaced = "ART0001";

    /// <summary>ARS text: a route, block, row or field given twice.</summary>
    public const string ArsTextDuplicate = "ART0002";

    /// <summary>ARS text: a value that cannot be read (a number, a duration, a target, a flag, a name).</summary>
    public const string ArsTextInvalidValue = "ART0003";

    /// <summary>ARS text: a block, slot, registration or credentials section missing a required part.</summary>
    public const string ArsTextIncomplete = "ART0004";

    /// <summary>ARS text: an unknown field or unrecognised text (not echoed: it may be a mistyped password line).</summary>
    public const string ArsTextUnknown = "ART0005";

    /// <summary>ARS text (warning): a documentation placeholder was left in.</summary>
    public const string ArsTextPlaceholder = "ART0100";

    /// <summary>ARS: a To, From, Return or property pattern does not compile.</summary>
    public const string ArsInvalidPattern = "ARS0001";

    /// <summary>ARS: a slot names a plug-in that is not registered.</summary>
    public const string ArsUnknownPlugin = "ARS0002";

    /// <summary>ARS: a trunk Target is not host[:port][;params] or a SIP URI.</summary>
    public const string ArsInvalidTarget = "ARS0003";

    /// <summary>ARS: a route template row cannot generate its route.</summary>
    public const string ArsInvalidTemplate = "ARS0004";

    /// <summary>ARS: a route accepts inbound calls only from its registered trunk but has no usable Registration.</summary>
    public const string ArsInboundSourceWithoutRegistration = "ARS0005";

    /// <summary>ARS (warning): <c>&amp;tN</c>, <c>&amp;fN</c>, <c>&amp;pN</c> or <c>&amp;rN</c> refers to a group its pattern does not have.</summary>
    public const string ArsMissingGroup = "ARS0010";

    /// <summary>ARS (warning): a <c>&amp;variable</c> that the route does not define.</summary>
    public const string ArsUndefinedVariable = "ARS0011";

    /// <summary>ARS (warning): an OUT block with neither a trunk Target nor a deploy To.</summary>
    public const string ArsNoTrunk = "ARS0012";

    /// <summary>ARS (warning): a pattern needs the backtracking regular expression engine.</summary>
    public const string ArsBacktrackingPattern = "ARS0101";

    /// <summary>ARS lint (warning): a To, From or Return pattern captures a group that nothing in the block reads as <c>&amp;tN</c>, <c>&amp;fN</c> or <c>&amp;pN</c>.</summary>
    public const string ArsUnusedCapture = "ARS0201";

    /// <summary>Builder: an addition (rule, route) was invalid.</summary>
    public const string InvalidAddition = "CFG0001";

    /// <summary>Builder: the rule set as a whole is invalid (e.g. two rules with one name).</summary>
    public const string InvalidRuleSet = "CFG0002";

    /// <summary>Configuration: a value in the configuration section cannot be mapped to the model.</summary>
    public const string InvalidConfiguration = "CFG0003";

    /// <summary>Configuration: the options failed validation.</summary>
    public const string InvalidOptions = "CFG0004";
}
