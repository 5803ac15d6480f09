using System.Text;
using AlwaysConnected.Routing.DialPlan.Evaluation.Sources;
using AlwaysConnected.Routing.DialPlan.Functions;
using AlwaysConnected.Routing.Patterns;

namespace AlwaysConnected.Routing.DialPlan.Compilation;

/// <summary>
/// Parses the left-hand sides of matching lines (<c>To</c>, <c>&amp;env.var</c>, <c>$geturi(To)</c>)
/// and templates (<c>sip:%1@host</c>, <c>%{$getSIPuser(From)}</c>) into value sources.
/// </summary>
/// <remarks>
/// Arguments follow the vendor's conventions: a quoted string is a literal (with <c>%n</c>
/// substituted), a bare header name is that header's value, <c>$f(...)</c> nests, and
/// <c>$or</c>/<c>$and</c>/<c>$if</c> take quoted matching patterns such as <c>"$transport=TCP"</c>.
/// </remarks>
internal sealed class ExpressionParser
{
    private readonly DialPlanFunctionRegistry _functions;
    private readonly PatternOptions _patternOptions;
    private readonly int _availableGroups;

    public ExpressionParser(DialPlanFunctionRegistry functions, PatternOptions patternOptions, int availableGroups)
    {
        _functions = functions;
        _patternOptions = patternOptions;
        _availableGroups = availableGroups;
    }

    /// <summary>The highest capture number referred to by what was parsed so far.</summary>
    public int HighestGroupReferenced { get; private set; }

    /// <summary>Every group number referenced (<c>%n</c>, <c>%{n}</c>), in the order read; empty when none (the lint reports the groups no line reads).</summary>
    public IReadOnlyList<int> ReferencedGroups => (IReadOnlyList<int>?)_referencedGroups ?? [];

    private List<int>? _referencedGroups;

    /// <summary>Parses a whole left-hand side.</summary>
    public ValueSource ParseName(string text, int offset = 0)
    {
        var trimmed = text.Trim();
        var lead = text.Length - text.TrimStart().Length;
        if (trimmed.Length == 0)
        {
            throw new ExpressionSyntaxException("The name is empty.", offset);
        }

        return trimmed[0] switch
        {
            '$' => ParseCall(trimmed, offset + lead),
            '&' => ParseEnvironment(trimmed, offset + lead),
            _ => ParseHeader(trimmed, offset + lead),
        };
    }

    /// <summary>Parses a value with substitutions (<c>%1</c>, <c>%{12}</c>, <c>%{$func(args)}</c>).</summary>
    public ValueSource ParseTemplate(string text, int offset = 0)
    {
        var parts = new List<object>();
        var literal = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '%' || i + 1 >= text.Length)
            {
                literal.Append(c);
                continue;
            }

            var next = text[i + 1];
            if (next is >= '1' and <= '9')
            {
                // %n takes one digit only: %10 is %1 followed by 0 (the vendor's "n < 10" rule).
                Flush(parts, literal);
                parts.Add(Capture(next - '0', offset + i));
                i++;
            }
            else if (next == '{')
            {
                var close = FindClosingBrace(text, i + 1);
                if (close < 0)
                {
                    throw new ExpressionSyntaxException("'%{' has no closing '}'.", offset + i);
                }

                var inner = text[(i + 2)..close].Trim();
                Flush(parts, literal);
                if (int.TryParse(inner, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number > 0)
                {
                    parts.Add(Capture(number, offset + i));
                }
                else if (inner.StartsWith('$') || inner.StartsWith('&'))
                {
                    parts.Add(ParseName(inner, offset + i + 2));
                }
                else
                {
                    throw new ExpressionSyntaxException($"'%{{{inner}}}' is neither a group number nor a $function.", offset + i);
                }

                i = close;
            }
            else
            {
                literal.Append(c);
            }
        }

        Flush(parts, literal);
        return TemplateSource.Create(parts, text);
    }

    private CaptureSource Capture(int number, int column)
    {
        if (number > _availableGroups)
        {
            throw new ExpressionSyntaxException(
                $"%{number} refers to capture group {number}, but the matching lines define {_availableGroups} group(s).", column);
        }

        HighestGroupReferenced = Math.Max(HighestGroupReferenced, number);
        (_referencedGroups ??= []).Add(number);
        return new CaptureSource(number);
    }

    private static void Flush(List<object> parts, StringBuilder literal)
    {
        if (literal.Length > 0)
        {
            parts.Add(Encoding.UTF8.GetBytes(literal.ToString()));
            literal.Clear();
        }
    }

    private static int FindClosingBrace(string text, int open)
    {
        var depth = 0;
        var inQuotes = false;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (IsQuote(c))
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes && c == '{')
            {
                depth++;
            }
            else if (!inQuotes && c == '}' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static EnvironmentSource ParseEnvironment(string text, int column)
    {
        if (text.Length < 2 || text.AsSpan(1).ContainsAny(" \t,()\"=".AsSpan()))
        {
            throw new ExpressionSyntaxException($"'{text}' is not an environment variable name.", column);
        }

        return new EnvironmentSource(text);
    }

    private static HeaderSource ParseHeader(string text, int column)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsTokenChar(text[i]))
            {
                throw new ExpressionSyntaxException($"'{text}' is not a header name: '{text[i]}' is not allowed in one.", column + i);
            }
        }

        return new HeaderSource(text);
    }

    private ValueSource ParseCall(string text, int column)
    {
        var nameEnd = 1;
        while (nameEnd < text.Length && (char.IsAsciiLetterOrDigit(text[nameEnd]) || text[nameEnd] is '.' or '_'))
        {
            nameEnd++;
        }

        var name = text[1..nameEnd];
        if (name.Length == 0)
        {
            throw new ExpressionSyntaxException($"'{text}' has no function name after '$'.", column);
        }

        var rest = text[nameEnd..].Trim();
        List<(string Text, int Column)> arguments = [];
        if (rest.Length > 0)
        {
            var open = text.IndexOf('(', nameEnd);
            if (rest[0] != '(' || !rest.EndsWith(')'))
            {
                throw new ExpressionSyntaxException($"Unexpected '{rest}' after ${name}: arguments go in parentheses.", column + nameEnd);
            }

            var close = text.LastIndexOf(')');
            arguments = SplitArguments(text, open + 1, close, column);
        }

        return BuildCall(name, arguments, text, column);
    }

    private ValueSource BuildCall(string name, List<(string Text, int Column)> arguments, string text, int column)
    {
        switch (name.ToLowerInvariant())
        {
            case "or":
            case "and":
                RequireCount(name, arguments, 1, 8, column);
                return new LogicSource([.. arguments.Select(a => ParseCondition(a.Text, a.Column))], name.Equals("and", StringComparison.OrdinalIgnoreCase), text);
            case "if":
                RequireCount(name, arguments, 3, 3, column);
                return new ConditionalSource(
                    ParseCondition(arguments[0].Text, arguments[0].Column),
                    ParseArgument(arguments[1].Text, arguments[1].Column),
                    ParseArgument(arguments[2].Text, arguments[2].Column),
                    text);
            case "isnull":
            case "exist":
                RequireCount(name, arguments, 1, 1, column);
                return new NullTestSource(ParseQuotedName(arguments[0].Text, arguments[0].Column), name.Equals("exist", StringComparison.OrdinalIgnoreCase), text);
        }

        if (!_functions.TryGet(name, out var function))
        {
            var meant = NearMiss.Closest(name, _functions.Names.Concat(["or", "and", "if", "isnull", "exist"]));
            throw new ExpressionSyntaxException(meant is null ? $"Unknown function ${name}." : $"Unknown function ${name}. Did you mean ${meant}?", column);
        }

        RequireCount(name, arguments, function.MinArguments, function.MaxArguments, column);
        if (arguments.Count == 0 && RequestLineSource.IsBuiltIn(function))
        {
            return new RequestLineSource(text);
        }

        var sources = arguments.Select(a => ParseArgument(a.Text, a.Column)).ToArray();
        if (sources.Length == 1 && UriOfSource.IsBuiltIn(function))
        {
            return new UriOfSource(sources[0], text);
        }

        var call = new FunctionSource(function, sources, text);
        var slot = arguments.Count == 0 ? RequestFunctionSource.SlotOf(function) : -1;
        return slot >= 0 ? new RequestFunctionSource(call, slot) : call;
    }

    private static void RequireCount(string name, List<(string Text, int Column)> arguments, int min, int max, int column)
    {
        if (arguments.Count < min || arguments.Count > max)
        {
            var expected = min == max ? $"{min}" : $"{min} to {max}";
            throw new ExpressionSyntaxException($"${name} takes {expected} argument(s), not {arguments.Count}.", column);
        }
    }

    /// <summary>An ordinary argument: quoted literal, nested call, environment variable, capture, header or bare literal.</summary>
    private ValueSource ParseArgument(string text, int column)
    {
        var trimmed = text.Trim();
        var lead = column + (text.Length - text.TrimStart().Length);
        if (trimmed.Length >= 2 && IsQuote(trimmed[0]) && IsQuote(trimmed[^1]))
        {
            return ParseTemplate(trimmed[1..^1], lead + 1);
        }

        if (trimmed.Length == 0)
        {
            return new LiteralSource(string.Empty);
        }

        return trimmed[0] switch
        {
            '$' or '&' => ParseName(trimmed, lead),
            '%' => ParseTemplate(trimmed, lead),
            // A bare word that starts with a letter is a header name (the vendor's `$geturi(To)`);
            // anything else (numbers, addresses) is taken literally.
            _ when char.IsAsciiLetter(trimmed[0]) && trimmed.All(IsTokenChar) => new HeaderSource(trimmed),
            _ => ParseTemplate(trimmed, lead),
        };
    }

    /// <summary>A condition: a quoted matching pattern <c>"NAME=PATTERN"</c>, or a value that reads <c>true</c>.</summary>
    private ValueSource ParseCondition(string text, int column)
    {
        var trimmed = text.Trim();
        var lead = column + (text.Length - text.TrimStart().Length);
        if (trimmed.Length >= 2 && IsQuote(trimmed[0]) && IsQuote(trimmed[^1]))
        {
            var inner = trimmed[1..^1];
            var equals = LineSplitter.FindNameEnd(inner);
            if (equals > 0)
            {
                var subject = ParseName(inner[..equals], lead + 1);
                var patternText = inner[(equals + 1)..].Trim();
                if (!CompiledPattern.TryCompile(patternText, _patternOptions, out var pattern, out var error))
                {
                    throw new ExpressionSyntaxException($"Bad pattern '{patternText}': {error.Message}", lead + 1 + equals + 1);
                }

                return new PatternTestSource(subject, pattern, inner);
            }
        }

        return ParseArgument(text, column);
    }

    /// <summary>The argument of <c>$isNull</c>/<c>$exist</c>: a name, quoted or not.</summary>
    private ValueSource ParseQuotedName(string text, int column)
    {
        var trimmed = text.Trim();
        var lead = column + (text.Length - text.TrimStart().Length);
        if (trimmed.Length >= 2 && IsQuote(trimmed[0]) && IsQuote(trimmed[^1]))
        {
            return ParseName(trimmed[1..^1], lead + 1);
        }

        return ParseName(trimmed, lead);
    }

    private static List<(string Text, int Column)> SplitArguments(string text, int start, int end, int column)
    {
        var result = new List<(string, int)>();
        if (text.AsSpan(start, end - start).Trim().IsEmpty)
        {
            return result;
        }

        var depth = 0;
        var inQuotes = false;
        var argumentStart = start;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (IsQuote(c))
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes && c == '(')
            {
                depth++;
            }
            else if (!inQuotes && c == ')')
            {
                if (--depth < 0)
                {
                    throw new ExpressionSyntaxException("Unbalanced ')'.", column + i);
                }
            }
            else if (!inQuotes && depth == 0 && c == ',')
            {
                result.Add((text[argumentStart..i], column + argumentStart));
                argumentStart = i + 1;
            }
        }

        if (inQuotes)
        {
            throw new ExpressionSyntaxException("Unterminated quoted string.", column + start);
        }

        if (depth != 0)
        {
            throw new ExpressionSyntaxException("Unbalanced '('.", column + start);
        }

        result.Add((text[argumentStart..end], column + argumentStart));
        return result;
    }

    // The wiki renders quotes as curly quotes; both are accepted.
    private static bool IsQuote(char c) => c is '"' or '\u201C' or '\u201D';

    /// <summary>RFC 3261 token characters: what a header name may hold.</summary>
    internal static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '!' or '%' or '*' or '_' or '+' or '`' or '\'' or '~';
}
