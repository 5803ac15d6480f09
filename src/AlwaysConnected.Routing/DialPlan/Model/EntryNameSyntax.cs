namespace AlwaysConnected.Routing.DialPlan;

/// <summary>
/// The one definition of where a matching or deploy entry's name ends: at the first '=' outside
/// parentheses and quotes. The text reader splits lines with it and the model validates names with
/// it, so every name the model accepts survives a write and a re-read unchanged.
/// </summary>
/// <remarks>
/// Quotes are the straight double quote and the curly pair “ ”, because rules pasted from the
/// vendor's wiki carry curly quotes. There is no escape character: the vendor documents none.
/// </remarks>
internal static class EntryNameSyntax
{
    /// <summary>Scans <paramref name="text"/> for the '=' that ends the name.</summary>
    internal static EntryNameScan Scan(ReadOnlySpan<char> text)
    {
        var depth = 0;
        var openParens = new Stack<int>();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"':
                case '“':
                    var close = text[(i + 1)..].IndexOf(c == '"' ? '"' : '”');
                    if (close < 0)
                    {
                        return new EntryNameScan(-1, EntryNameProblem.UnterminatedQuote, i);
                    }

                    i += close + 1;
                    break;
                case '(':
                    depth++;
                    openParens.Push(i);
                    break;
                case ')':
                    if (depth == 0)
                    {
                        return new EntryNameScan(-1, EntryNameProblem.UnbalancedParentheses, i);
                    }

                    depth--;
                    openParens.Pop();
                    break;
                case '=' when depth == 0:
                    return new EntryNameScan(i, EntryNameProblem.None, -1);
            }
        }

        return depth == 0
            ? new EntryNameScan(-1, EntryNameProblem.None, -1)
            : new EntryNameScan(-1, EntryNameProblem.UnbalancedParentheses, openParens.Peek());
    }

    /// <summary>Throws unless <paramref name="name"/> is a name the text notation can carry.</summary>
    internal static string Require(string? name, string paramName)
    {
        TextFieldRules.Require(name, paramName, "entry name");
        if (name!.Length == 0)
        {
            throw new ArgumentException("The entry name must not be empty.", paramName);
        }

        if (name[0] is '[' or '#')
        {
            throw new ArgumentException($"The entry name must not start with '{name[0]}' (section headers and comments do): '{name}'.", paramName);
        }

        var scan = Scan(name);
        if (scan.Problem != EntryNameProblem.None)
        {
            var what = scan.Problem == EntryNameProblem.UnterminatedQuote ? "an unterminated quote" : "unbalanced parentheses";
            throw new ArgumentException($"The entry name has {what} at position {scan.ProblemIndex + 1}: '{name}'.", paramName);
        }

        if (scan.EqualsIndex >= 0)
        {
            throw new ArgumentException($"The entry name must not contain '=' outside parentheses and quotes: '{name}'.", paramName);
        }

        return name;
    }
}
