namespace AlwaysConnected.Routing.DialPlan;

/// <summary>
/// One condition of a dial plan rule: <c>NAME = PATTERN</c>. The rule matches when all its
/// conditions hold.
/// </summary>
/// <remarks>
/// Both parts are kept exactly as written (trimmed), so that diagnostics can quote the rule as the
/// operator wrote it; the evaluator interprets them (header and function names case-insensitively).
/// </remarks>
public sealed record MatchingLine
{
    /// <summary>Creates a condition.</summary>
    /// <param name="name">
    /// A header name (<c>To</c>), a variable (<c>$request</c>), a function call (<c>$geturi(To)</c>)
    /// or an environment variable (<c>&amp;pn.notify.user</c>). Must not be empty, start or end with
    /// white space, start with '[' or '#', contain '=' outside parentheses and quotes, have unbalanced
    /// parentheses or quotes, or contain CR, LF or NUL.
    /// </param>
    /// <param name="pattern">
    /// The regular expression, with a leading '!' if the condition is negated. May be empty; must not
    /// start or end with white space or contain CR, LF or NUL.
    /// </param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument breaks the rules above.</exception>
    public MatchingLine(string name, string pattern)
    {
        Name = EntryNameSyntax.Require(name, nameof(name));
        Pattern = TextFieldRules.Require(pattern, nameof(pattern), "matching pattern");
    }

    /// <summary>The header, variable, function call or environment variable tested, as written.</summary>
    public string Name { get; }

    /// <summary>The pattern as written, including a leading '!' for negation.</summary>
    public string Pattern { get; }

    /// <summary>Returns the line in the text notation: <c>Name = Pattern</c>.</summary>
    public override string ToString() => Pattern.Length == 0 ? $"{Name} =" : $"{Name} = {Pattern}";
}
