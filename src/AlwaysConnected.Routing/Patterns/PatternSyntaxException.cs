using System.Globalization;

namespace AlwaysConnected.Routing.Patterns;

/// <summary>
/// A pattern could not be compiled: bad syntax, or a Java-only construct with no exact .NET equivalent.
/// </summary>
internal sealed class PatternSyntaxException : FormatException
{
    /// <summary>Creates an exception for <paramref name="pattern"/> with the offending construct and its column.</summary>
    /// <param name="pattern">The pattern source as written (including a leading <c>!</c>).</param>
    /// <param name="column">0-based index into <paramref name="pattern"/> where the problem starts.</param>
    /// <param name="construct">What was found, e.g. "possessive quantifier `*+`".</param>
    /// <param name="detail">Why it is rejected, or <see langword="null"/>.</param>
    /// <param name="innerException">The underlying parser error, if any.</param>
    public PatternSyntaxException(string pattern, int column, string construct, string? detail = null, Exception? innerException = null)
        : base(BuildMessage(pattern, column, construct, detail), innerException)
    {
        Pattern = pattern;
        Column = column;
        Construct = construct;
    }

    /// <summary>Creates an exception with only a message (no pattern position).</summary>
    /// <param name="message">The message.</param>
    public PatternSyntaxException(string message)
        : base(message)
    {
        Pattern = string.Empty;
        Construct = string.Empty;
    }

    /// <summary>Creates an exception with only a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PatternSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
        Pattern = string.Empty;
        Construct = string.Empty;
    }

    /// <summary>Creates an exception with a default message.</summary>
    public PatternSyntaxException()
        : this("The pattern is not valid.")
    {
    }

    /// <summary>The pattern source as written (including a leading <c>!</c>).</summary>
    public string Pattern { get; }

    /// <summary>0-based index into <see cref="Pattern"/> where the offending construct starts.</summary>
    public int Column { get; }

    /// <summary>The offending construct, e.g. "possessive quantifier `*+`".</summary>
    public string Construct { get; }

    private static string BuildMessage(string pattern, int column, string construct, string? detail)
    {
        var text = string.Format(CultureInfo.InvariantCulture, "Pattern `{0}`: {1} at column {2}", pattern, construct, column);
        return detail is null ? text + "." : text + ": " + detail;
    }
}
