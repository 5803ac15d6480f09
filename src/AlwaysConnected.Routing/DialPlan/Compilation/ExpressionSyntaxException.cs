namespace AlwaysConnected.Routing.DialPlan.Compilation;

/// <summary>An error inside one name, argument or template, with the column it was found at.</summary>
internal sealed class ExpressionSyntaxException(string message, int column) : Exception(message)
{
    /// <summary>The 0-based index in the text where the problem is.</summary>
    public int Column { get; } = column;
}
