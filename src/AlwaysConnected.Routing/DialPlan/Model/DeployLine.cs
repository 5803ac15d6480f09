namespace AlwaysConnected.Routing.DialPlan;

/// <summary>
/// One action of a dial plan rule: <c>NAME = VALUE</c>, applied when the rule matches.
/// </summary>
/// <remarks>
/// An empty <see cref="Value"/> on a header name removes that header. Both parts are kept exactly as
/// written (trimmed); substitutions such as <c>%1</c> are resolved by the evaluator.
/// </remarks>
public sealed record DeployLine
{
    /// <summary>Creates an action.</summary>
    /// <param name="name">
    /// A header name, a handling variable (<c>$target</c>) or an environment variable
    /// (<c>&amp;name</c>); the same rules as <see cref="MatchingLine.Name"/> apply.
    /// </param>
    /// <param name="value">
    /// The value; empty removes a header. Must not start or end with white space or contain CR, LF
    /// or NUL.
    /// </param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument breaks the rules above.</exception>
    public DeployLine(string name, string value)
    {
        Name = EntryNameSyntax.Require(name, nameof(name));
        Value = TextFieldRules.Require(value, nameof(value), "deploy value");
    }

    /// <summary>The header or variable set, as written.</summary>
    public string Name { get; }

    /// <summary>The value as written; empty means "remove the header".</summary>
    public string Value { get; }

    /// <summary>Returns the line in the text notation: <c>Name = Value</c> (or <c>Name =</c>).</summary>
    public override string ToString() => Value.Length == 0 ? $"{Name} =" : $"{Name} = {Value}";
}
