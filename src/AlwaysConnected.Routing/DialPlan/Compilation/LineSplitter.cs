namespace AlwaysConnected.Routing.DialPlan.Compilation;

/// <summary>Finds where the name of a <c>NAME = PATTERN</c> line ends: the first <c>=</c> outside parentheses and quotes.</summary>
internal static class LineSplitter
{
    /// <returns>The index of that <c>=</c>, or -1.</returns>
    public static int FindNameEnd(string line)
    {
        var depth = 0;
        var inQuotes = false;
        for (var i = 0; i < line.Length; i++)
        {
            switch (line[i])
            {
                case '"' or '\u201C' or '\u201D':
                    inQuotes = !inQuotes;
                    break;
                case '(' when !inQuotes:
                    depth++;
                    break;
                case ')' when !inQuotes:
                    depth--;
                    break;
                case '=' when !inQuotes && depth == 0:
                    return i;
            }
        }

        return -1;
    }
}
