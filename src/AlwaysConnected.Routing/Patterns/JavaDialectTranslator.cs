// Kept in one file (about 570 lines) on purpose: it is one left-to-right scan over one grammar (Java's regex
// dialect), and each construct's translation depends on the scan state around it (inside a class or not, group
// numbering, quoting). Splitting it by construct would scatter that state across files without making any part
// readable on its own.

using System.Globalization;
using System.Text;

namespace AlwaysConnected.Routing.Patterns;

/// <summary>
/// Rewrites a pattern written in Java's <c>java.util.regex</c> dialect into .NET syntax with the same
/// meaning, and rejects (with the source column) the Java-only constructs that have no exact .NET form.
/// </summary>
/// <remarks>
/// Translations are chosen so that the .NET pattern means what Java means on header values:
/// <c>\d \w \s</c> and the POSIX classes are ASCII-only in Java, so they become explicit ASCII classes;
/// named groups become plain groups so numbering stays strictly left to right (.NET numbers named
/// groups last); <c>$</c> becomes <c>\z</c> so it never matches before a trailing newline (the
/// project's binding decision; header values never contain a newline, so in practice it is moot).
/// </remarks>
internal sealed class JavaDialectTranslator
{
    private static readonly ByteClass Digit = ByteClass.FromAscii(static c => c is >= '0' and <= '9', false);
    private static readonly ByteClass Word = ByteClass.FromAscii(static c => char.IsAsciiLetterOrDigit(c) || c == '_', false);
    private static readonly ByteClass Space = ByteClass.FromAscii(static c => c is ' ' or '\t' or '\n' or '\x0B' or '\f' or '\r', false);

    private static readonly Dictionary<string, ByteClass> PosixClasses = new(StringComparer.Ordinal)
    {
        ["Lower"] = ByteClass.FromAscii(static c => c is >= 'a' and <= 'z', false),
        ["Upper"] = ByteClass.FromAscii(static c => c is >= 'A' and <= 'Z', false),
        ["ASCII"] = ByteClass.FromAscii(static _ => true, false),
        ["Alpha"] = ByteClass.FromAscii(char.IsAsciiLetter, false),
        ["Digit"] = Digit,
        ["Alnum"] = ByteClass.FromAscii(char.IsAsciiLetterOrDigit, false),
        ["Punct"] = ByteClass.FromAscii(IsPunct, false),
        ["Graph"] = ByteClass.FromAscii(static c => char.IsAsciiLetterOrDigit(c) || IsPunct(c), false),
        ["Print"] = ByteClass.FromAscii(static c => char.IsAsciiLetterOrDigit(c) || IsPunct(c) || c == ' ', false),
        ["Blank"] = ByteClass.FromAscii(static c => c is ' ' or '\t', false),
        ["Cntrl"] = ByteClass.FromAscii(static c => c < 0x20 || c == 0x7F, false),
        ["XDigit"] = ByteClass.FromAscii(char.IsAsciiHexDigit, false),
        ["Space"] = Space,
    };

    private readonly string _source;
    private readonly int _start;
    private readonly StringBuilder _out = new();
    private readonly List<int> _columns = [];
    private readonly Dictionary<string, int> _groupNames = new(StringComparer.Ordinal);
    private readonly int _totalGroups;
    private int _pos;
    private int _groupsSoFar;
    private bool _multiline;
    private bool _inlineOptions;
    private bool _lastWasQuantifier;

    private JavaDialectTranslator(string source, int start)
    {
        _source = source;
        _start = start;
        _pos = start;
        _totalGroups = CountGroups(source, start);
    }

    /// <summary>Translates <paramref name="source"/> from index <paramref name="start"/> (after a leading <c>!</c>).</summary>
    /// <exception cref="PatternSyntaxException">A Java-only construct without an exact translation.</exception>
    public static TranslatedPattern Translate(string source, int start)
    {
        var t = new JavaDialectTranslator(source, start);
        t.Run();
        return new TranslatedPattern(t._out.ToString(), [.. t._columns], t._groupsSoFar, t._inlineOptions);
    }

    private static bool IsPunct(char c) => c is > ' ' and < '\x7F' && !char.IsAsciiLetterOrDigit(c);

    private void Run()
    {
        while (_pos < _source.Length)
        {
            var c = _source[_pos];
            switch (c)
            {
                case '\\':
                    TranslateEscape(inClass: false);
                    _lastWasQuantifier = false;
                    break;
                case '[':
                    TranslateClass();
                    _lastWasQuantifier = false;
                    break;
                case '(':
                    TranslateGroupOpen();
                    _lastWasQuantifier = false;
                    break;
                case '$':
                    Emit(_multiline ? "$" : "\\z", _pos);
                    _pos++;
                    _lastWasQuantifier = false;
                    break;
                case '*' or '+' or '?':
                    if (_lastWasQuantifier)
                    {
                        var prev = _source[_pos - 1];
                        if (c == '+')
                        {
                            var quantifierStart = prev == '}' ? _source.LastIndexOf('{', _pos - 1) : _pos - 1;
                            throw Reject(quantifierStart, $"possessive quantifier `{_source[quantifierStart..(_pos + 1)]}`",
                                "possessive quantifiers are Java-only; write the quantifier without the trailing `+`");
                        }

                        // A lazy marker: copy it; a further quantifier is a .NET syntax error reported later.
                        Emit(c, _pos++);
                        _lastWasQuantifier = false;
                        break;
                    }

                    Emit(c, _pos++);
                    _lastWasQuantifier = true;
                    break;
                case '{':
                    TranslateBrace();
                    break;
                default:
                    Emit(c, _pos++);
                    _lastWasQuantifier = false;
                    break;
            }
        }
    }

    private void TranslateBrace()
    {
        var close = _source.IndexOf('}', _pos);
        if (close > _pos && IsCountedRepeat(_source.AsSpan(_pos + 1, close - _pos - 1)))
        {
            for (var i = _pos; i <= close; i++)
            {
                Emit(_source[i], i);
            }

            _pos = close + 1;
            _lastWasQuantifier = true;
            return;
        }

        Emit('{', _pos++);
        _lastWasQuantifier = false;
    }

    private static bool IsCountedRepeat(ReadOnlySpan<char> body)
    {
        var comma = body.IndexOf(',');
        if (comma < 0)
        {
            return body.Length > 0 && !body.ContainsAnyExceptInRange('0', '9');
        }

        var min = body[..comma];
        var max = body[(comma + 1)..];
        return min.Length > 0 && !min.ContainsAnyExceptInRange('0', '9') && !max.ContainsAnyExceptInRange('0', '9');
    }

    private void TranslateGroupOpen()
    {
        var open = _pos;
        if (Peek(1) != '?')
        {
            _groupsSoFar++;
            Emit('(', _pos++);
            return;
        }

        var kind = Peek(2);
        if (kind == '<' && Peek(3) is not ('=' or '!'))
        {
            // Named group: Java numbers it in order; .NET would number it after all unnamed groups.
            var close = _source.IndexOf('>', _pos + 3);
            if (close < 0)
            {
                throw Reject(open, "unterminated group name", null);
            }

            _groupsSoFar++;
            _groupNames[_source[(_pos + 3)..close]] = _groupsSoFar;
            Emit('(', open);
            _pos = close + 1;
            return;
        }

        if (kind is ':' or '=' or '!' or '>' or '<' or '#')
        {
            Emit('(', _pos++);
            Emit('?', _pos++);
            return;
        }

        // Inline flags: (?idmsuxU-idmsuxU) or (?flags:...)
        var i = _pos + 2;
        var enable = true;
        while (i < _source.Length && _source[i] is not (')' or ':'))
        {
            var f = _source[i];
            switch (f)
            {
                case '-':
                    enable = false;
                    break;
                case 'i' or 's' or 'x':
                    break;
                case 'm':
                    _multiline = enable;
                    break;
                case 'd' or 'u' or 'U':
                    throw Reject(i, $"inline flag `{f}` in `{_source[open..Math.Min(_source.Length, i + 1)]}`",
                        "UNIX_LINES / UNICODE_CASE / UNICODE_CHARACTER_CLASS flags are Java-only");
                default:
                    // Let .NET report anything else (e.g. its own `n` flag is accepted there).
                    break;
            }

            i++;
        }

        _inlineOptions = true;
        Emit('(', _pos++);
        Emit('?', _pos++);
    }

    private void TranslateEscape(bool inClass)
    {
        var at = _pos;
        if (at + 1 >= _source.Length)
        {
            throw Reject(at, "trailing backslash", "the pattern ends with an unfinished escape");
        }

        var e = _source[at + 1];
        switch (e)
        {
            case 'Q':
                TranslateQuoted(inClass);
                return;
            case 'd' or 'D' or 'w' or 'W' or 's' or 'S':
                var cls = e is 'd' or 'D' ? Digit : e is 'w' or 'W' ? Word : Space;
                EmitClass(char.IsUpper(e) ? cls.Complement() : cls, inClass, at);
                _pos += 2;
                return;
            case 'p' or 'P':
                TranslateProperty(inClass, e == 'P');
                return;
            case 'h' or 'H' or 'v' or 'V' or 'R' or 'X' or 'N':
                throw Reject(at, $"escape `\\{e}`", "this escape is Java-only (or means something else in .NET); use an explicit character class");
            case 'x' when Peek(2) == '{':
                TranslateHexBrace(at);
                return;
            case '0':
                TranslateOctal(at);
                return;
            case >= '1' and <= '9' when !inClass:
                TranslateBackReference(at);
                return;
            case 'k' when !inClass && Peek(2) == '<':
                var close = _source.IndexOf('>', at + 3);
                if (close < 0 || !_groupNames.TryGetValue(_source[(at + 3)..close], out var number))
                {
                    throw Reject(at, $"back-reference `{_source[at..(close < 0 ? _source.Length : close + 1)]}`", "no group of that name precedes it");
                }

                Emit($"\\k<{number.ToString(CultureInfo.InvariantCulture)}>", at);
                _pos = close + 1;
                return;
            case 'b' when Peek(2) == '{':
                throw Reject(at, "boundary `\\b{...}`", "Java-only grapheme boundary");
            case 'c':
                Emit(_source.AsSpan(at, Math.Min(3, _source.Length - at)), at);
                _pos = Math.Min(_source.Length, at + 3);
                return;
            default:
                Emit('\\', at);
                Emit(e, at + 1);
                _pos += 2;
                return;
        }
    }

    private void TranslateQuoted(bool inClass)
    {
        var bodyStart = _pos + 2;
        var end = _source.IndexOf("\\E", bodyStart, StringComparison.Ordinal);
        var bodyEnd = end < 0 ? _source.Length : end;
        for (var i = bodyStart; i < bodyEnd; i++)
        {
            var ch = _source[i];
            if (inClass ? ch is '\\' or ']' or '[' or '^' or '-' : IsRegexMeta(ch))
            {
                Emit('\\', i);
            }

            Emit(ch, i);
        }

        _pos = end < 0 ? _source.Length : end + 2;
    }

    private static bool IsRegexMeta(char c) =>
        c is '\\' or '*' or '+' or '?' or '|' or '{' or '}' or '[' or ']' or '(' or ')' or '^' or '$' or '.' or '#' or ' ' or '\t' or '\n' or '\r' or '\f';

    private void TranslateProperty(bool inClass, bool negated)
    {
        var at = _pos;
        string name;
        int next;
        if (Peek(2) == '{')
        {
            var close = _source.IndexOf('}', at + 3);
            if (close < 0)
            {
                throw Reject(at, "unterminated property `\\p{`", null);
            }

            name = _source[(at + 3)..close];
            next = close + 1;
        }
        else if (at + 2 < _source.Length)
        {
            name = _source[at + 2].ToString();
            next = at + 3;
        }
        else
        {
            throw Reject(at, "incomplete property escape", null);
        }

        var written = _source[at..next];
        if (PosixClasses.TryGetValue(name, out var posix) || (name.StartsWith("Is", StringComparison.Ordinal) && PosixClasses.TryGetValue(name[2..], out posix)))
        {
            EmitClass(negated ? posix.Complement() : posix, inClass, at);
            _pos = next;
            return;
        }

        if (name.StartsWith("java", StringComparison.Ordinal))
        {
            throw Reject(at, $"Java character property `{written}`", "java.lang.Character properties have no .NET equivalent; use an explicit character class");
        }

        if (name.Length is 1 or 2 && char.IsAsciiLetterUpper(name[0]) && (name.Length == 1 || char.IsAsciiLetterLower(name[1])))
        {
            // Unicode general category (L, Lu, Nd, ...): same meaning in both dialects.
            Emit($"\\{(negated ? 'P' : 'p')}{{{name}}}", at);
            _pos = next;
            return;
        }

        throw Reject(at, $"property `{written}`", "only POSIX classes (\\p{Digit}, \\p{Alpha}, ...) and Unicode general categories (\\p{L}, \\p{Lu}, ...) are supported");
    }

    private void TranslateHexBrace(int at)
    {
        var close = _source.IndexOf('}', at + 3);
        if (close < 0 || !int.TryParse(_source.AsSpan(at + 3, close - at - 3), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
        {
            throw Reject(at, "malformed escape `\\x{...}`", null);
        }

        if (code > 0xFFFF)
        {
            throw Reject(at, $"escape `{_source[at..(close + 1)]}`", "code points above U+FFFF are not supported");
        }

        EmitCodeUnit(code, at);
        _pos = close + 1;
    }

    private void TranslateOctal(int at)
    {
        // Java: \0n, \0nn, \0mnn (m <= 3). .NET reads octal differently, so emit the code unit.
        var i = at + 2;
        var value = 0;
        var digits = 0;
        while (i < _source.Length && digits < 3 && _source[i] is >= '0' and <= '7')
        {
            var candidate = (value * 8) + (_source[i] - '0');
            if (candidate > 0xFF)
            {
                break;
            }

            value = candidate;
            i++;
            digits++;
        }

        if (digits == 0)
        {
            throw Reject(at, "octal escape `\\0` without digits", "Java requires at least one octal digit after \\0");
        }

        EmitCodeUnit(value, at);
        _pos = i;
    }

    private void TranslateBackReference(int at)
    {
        // Java: the first digit is always a reference; further digits are taken while the number
        // still names a group that exists at this point.
        var i = at + 1;
        var number = _source[i] - '0';
        i++;
        while (i < _source.Length && char.IsAsciiDigit(_source[i]))
        {
            var candidate = (number * 10) + (_source[i] - '0');
            if (candidate > _groupsSoFar)
            {
                break;
            }

            number = candidate;
            i++;
        }

        if (number > _totalGroups)
        {
            // Java compiles a reference to a missing group and it never matches; keep that meaning
            // with an empty class instead of failing the whole rule set.
            Emit("[^\\s\\S]", at);
        }
        else
        {
            Emit($"\\k<{number.ToString(CultureInfo.InvariantCulture)}>", at);
        }

        _pos = i;
    }

    private void TranslateClass()
    {
        var open = _pos;
        Emit('[', _pos++);
        if (Peek(0) == '^')
        {
            Emit('^', _pos++);
        }

        var first = true;
        while (_pos < _source.Length)
        {
            var c = _source[_pos];
            if (c == ']' && !first)
            {
                Emit(']', _pos++);
                return;
            }

            if (c == '[')
            {
                throw Reject(_pos, "nested character class (union) `[...[...]]`", "Java-only; list the members in one class instead");
            }

            if (c == '&' && Peek(1) == '&')
            {
                throw Reject(_pos, "character class intersection `&&`", "Java-only; write the resulting class explicitly");
            }

            if (c == '\\')
            {
                TranslateEscape(inClass: true);
            }
            else
            {
                Emit(c, _pos++);
            }

            first = false;
        }

        throw Reject(open, "unterminated character class `[`", null);
    }

    private void EmitClass(ByteClass cls, bool inClass, int at)
    {
        var sb = new StringBuilder();
        if (!inClass)
        {
            sb.Append('[');
        }

        cls.AppendRanges(sb);
        if (!inClass)
        {
            sb.Append(']');
        }

        Emit(sb.ToString(), at);
    }

    private void EmitCodeUnit(int code, int at) =>
        Emit("\\u" + code.ToString("X4", CultureInfo.InvariantCulture), at);

    private void Emit(char c, int column)
    {
        _out.Append(c);
        _columns.Add(column);
    }

    private void Emit(ReadOnlySpan<char> text, int column)
    {
        _out.Append(text);
        for (var i = 0; i < text.Length; i++)
        {
            _columns.Add(column);
        }
    }

    private char Peek(int offset) => _pos + offset < _source.Length ? _source[_pos + offset] : '\0';

    private PatternSyntaxException Reject(int column, string construct, string? detail) =>
        new(_source, column, construct, detail);

    /// <summary>Counts capturing groups in the whole pattern (Java back-reference rules need the total).</summary>
    private static int CountGroups(string source, int start)
    {
        var count = 0;
        var inClass = false;
        for (var i = start; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '\\')
            {
                if (i + 1 < source.Length && source[i + 1] == 'Q')
                {
                    var end = source.IndexOf("\\E", i + 2, StringComparison.Ordinal);
                    i = end < 0 ? source.Length : end + 1;
                    continue;
                }

                i++;
                continue;
            }

            if (inClass)
            {
                inClass = c != ']';
                continue;
            }

            if (c == '[')
            {
                inClass = true;
                if (i + 1 < source.Length && source[i + 1] == ']')
                {
                    i++;
                }
            }
            else if (c == '(')
            {
                if (i + 1 >= source.Length || source[i + 1] != '?')
                {
                    count++;
                }
                else if (i + 3 < source.Length && source[i + 2] == '<' && source[i + 3] is not ('=' or '!'))
                {
                    count++;
                }
            }
        }

        return count;
    }
}
