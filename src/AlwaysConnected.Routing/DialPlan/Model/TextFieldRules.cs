namespace AlwaysConnected.Routing.DialPlan;

/// <summary>
/// The checks every text field of the dial plan model shares. They keep a model expressible in the
/// text notation (which trims fields and is line based) and keep line breaks and NUL, the characters
/// that could smuggle a header into a SIP message, out of configuration values.
/// </summary>
internal static class TextFieldRules
{
    /// <summary>Returns the index of the first CR, LF or NUL, or -1.</summary>
    internal static int IndexOfForbiddenCharacter(ReadOnlySpan<char> text) => text.IndexOfAny('\r', '\n', '\0');

    /// <summary>True when the text starts or ends with white space.</summary>
    internal static bool HasSurroundingWhiteSpace(string text) =>
        text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]));

    /// <summary>Throws unless the value is free of line breaks, NUL and surrounding white space.</summary>
    internal static string Require(string? value, string paramName, string what)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (IndexOfForbiddenCharacter(value) >= 0)
        {
            throw new ArgumentException($"The {what} must not contain CR, LF or NUL: '{Printable(value)}'.", paramName);
        }

        if (HasSurroundingWhiteSpace(value))
        {
            throw new ArgumentException($"The {what} must not start or end with white space: '{Printable(value)}'.", paramName);
        }

        return value;
    }

    /// <summary>Makes control characters visible in error messages.</summary>
    internal static string Printable(string value) =>
        value.Replace("\r", "\\r", StringComparison.Ordinal)
             .Replace("\n", "\\n", StringComparison.Ordinal)
             .Replace("\0", "\\0", StringComparison.Ordinal);
}
