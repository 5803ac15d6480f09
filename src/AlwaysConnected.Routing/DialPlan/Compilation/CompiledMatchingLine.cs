using AlwaysConnected.Routing.DialPlan.Evaluation.Sources;
using AlwaysConnected.Routing.Patterns;

namespace AlwaysConnected.Routing.DialPlan.Compilation;

/// <summary>A matching line ready to run: where its value comes from and the pattern it must match.</summary>
internal sealed class CompiledMatchingLine(ValueSource source, CompiledPattern pattern, int firstGroup, string text)
{
    public ValueSource Source { get; } = source;

    public CompiledPattern Pattern { get; } = pattern;

    /// <summary>The 0-based index of this line's first capture group within the rule's numbering.</summary>
    public int FirstGroup { get; } = firstGroup;

    /// <summary>
    /// Whether a later line of the rule reads this line's groups (as <c>%n</c> in an argument): then the
    /// groups are extracted while matching; otherwise only once the whole rule has matched. Also set on
    /// the last line of a rule whose groups are read, since that line holding means the rule fired.
    /// </summary>
    public bool CapturesNeededWhileMatching { get; set; }

    public string Text { get; } = text;
}
