namespace AlwaysConnected.Routing.DialPlan.Text;

/// <summary>
/// Splits the text that follows a section header on the same line (the vendor's one-line form,
/// e.g. <c>[Matching Patterns] $request = ^INVITE $localhost = ^false [Deploy Patterns] $action = 603</c>)
/// into headers and entries.
/// </summary>
/// <remarks>
/// <para>
/// An entry's name ends at the first '=' outside parentheses and quotes, as on a line of its own.
/// Its value runs until the next <em>boundary</em>: white space followed by either an inline
/// <c>[Matching Patterns]</c> / <c>[Deploy Patterns]</c> header, or by a name token and then optional
/// white space and '='. A name token is a header name (an ASCII letter, then RFC 3261 token
/// characters), <c>$ident</c> with an optional balanced <c>(...)</c> directly after it, or
/// <c>&amp;ident</c> (letters, digits, '_', '.', '-').
/// </para>
/// <para>
/// A new entry never starts at the first word of a value (so <c>X = a=b</c> is one entry), and not
/// inside parentheses or quotes of the value when these are balanced (so <c>X = (a b=c)</c> is one
/// entry). Values whose parentheses or quotes do not balance are split ignoring them. The known
/// ambiguity: a value with white space followed by something shaped like <c>name =</c> outside
/// parentheses, e.g. <c>User-Agent = Foo Bar=1</c>, is split in two; such rules need the block form.
/// </para>
/// </remarks>
internal static class OneLineSplitter
{
    /// <summary>Splits <paramref name="line"/> from <paramref name="start"/> to its end.</summary>
    internal static List<OneLinePiece> Split(string line, int start)
    {
        var pieces = new List<OneLinePiece>();
        var position = SkipWhiteSpace(line, start);
        while (position < line.Length)
        {
            if (line[position] == '[')
            {
                var header = SectionHeader.Parse(line, position);
                pieces.Add(new OneLinePiece(position, header.End, header));
                if (header.Kind is not (SectionHeaderKind.Matching or SectionHeaderKind.Deploy))
                {
                    // The reader reports the header; guessing where the rest of the line resumes
                    // would only produce follow-on errors.
                    break;
                }

                position = SkipWhiteSpace(line, header.End);
                continue;
            }

            var end = FindEntryEnd(line, position);
            pieces.Add(new OneLinePiece(position, end, null));
            position = SkipWhiteSpace(line, end);
        }

        return pieces;
    }

    private static int FindEntryEnd(string line, int start)
    {
        var scan = EntryNameSyntax.Scan(line.AsSpan(start));
        if (scan.EqualsIndex < 0)
        {
            // A malformed entry takes the rest of the line; the reader reports what is wrong with it.
            return line.Length;
        }

        var valueStart = start + scan.EqualsIndex + 1;
        return FindValueEnd(line, valueStart, respectNesting: true) ?? FindValueEnd(line, valueStart, respectNesting: false)!.Value;
    }

    /// <summary>
    /// Finds where the value starting at <paramref name="valueStart"/> ends. With
    /// <paramref name="respectNesting"/>, returns null when the value's parentheses or quotes do not
    /// balance, so the caller can retry without nesting.
    /// </summary>
    private static int? FindValueEnd(string line, int valueStart, bool respectNesting)
    {
        var depth = 0;
        var closingQuote = '\0';
        var seenValueText = false;
        for (var i = valueStart; i < line.Length; i++)
        {
            var c = line[i];
            if (closingQuote != '\0')
            {
                if (c == closingQuote)
                {
                    closingQuote = '\0';
                }

                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                var next = SkipWhiteSpace(line, i);
                if (depth == 0 && next < line.Length
                    && (SectionHeader.IsInlineSectionSwitch(line, next) || (seenValueText && IsEntryStart(line, next))))
                {
                    return next;
                }

                i = next - 1;
                continue;
            }

            seenValueText = true;
            if (!respectNesting)
            {
                continue;
            }

            switch (c)
            {
                case '\\':
                    i++; // an escaped character never opens or closes anything
                    break;
                case '(':
                    depth++;
                    break;
                case ')' when depth == 0:
                    return null;
                case ')':
                    depth--;
                    break;
                case '"':
                    closingQuote = '"';
                    break;
                case '“':
                    closingQuote = '”';
                    break;
            }
        }

        return depth == 0 && closingQuote == '\0' ? line.Length : null;
    }

    /// <summary>True when a name token followed by optional white space and '=' starts at <paramref name="start"/>.</summary>
    internal static bool IsEntryStart(string line, int start)
    {
        var i = start;
        var c = line[i];
        if (c == '$')
        {
            i++;
            if (i >= line.Length || !(char.IsAsciiLetter(line[i]) || line[i] == '_'))
            {
                return false;
            }

            while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] is '_' or '.'))
            {
                i++;
            }

            if (i < line.Length && line[i] == '(')
            {
                var close = FindClosingParenthesis(line, i);
                if (close < 0)
                {
                    return false;
                }

                i = close + 1;
            }
        }
        else if (c == '&')
        {
            i++;
            var identStart = i;
            while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] is '_' or '.' or '-'))
            {
                i++;
            }

            if (i == identStart)
            {
                return false;
            }
        }
        else if (char.IsAsciiLetter(c))
        {
            while (i < line.Length && IsTokenChar(line[i]))
            {
                i++;
            }
        }
        else
        {
            return false;
        }

        i = SkipWhiteSpace(line, i);
        return i < line.Length && line[i] == '=';
    }

    private static int FindClosingParenthesis(string line, int open)
    {
        var depth = 0;
        var closingQuote = '\0';
        for (var i = open; i < line.Length; i++)
        {
            var c = line[i];
            if (closingQuote != '\0')
            {
                if (c == closingQuote)
                {
                    closingQuote = '\0';
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    closingQuote = '"';
                    break;
                case '“':
                    closingQuote = '”';
                    break;
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    if (depth == 0)
                    {
                        return i;
                    }

                    break;
            }
        }

        return -1;
    }

    // RFC 3261 token characters.
    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '!' or '%' or '*' or '_' or '+' or '`' or '\'' or '~';

    private static int SkipWhiteSpace(string line, int i)
    {
        while (i < line.Length && char.IsWhiteSpace(line[i]))
        {
            i++;
        }

        return i;
    }
}
