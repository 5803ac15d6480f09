// Kept in one file (about 520 lines) on purpose: a small recursive-descent parser over one subset of regex
// syntax (sequences, groups, quantifiers, classes) whose methods call each other; it reads best as one grammar.
// What it produces (ParsedShape, ShapeItem, ByteClass) and what runs it (SequencePattern) are separate files.

using System.Globalization;
using System.Text;

namespace AlwaysConnected.Routing.Patterns;

/// <summary>
/// Recognises the subset of (already translated) .NET regex text that specialised byte matchers
/// handle. Anything outside the subset yields <see langword="null"/> and goes to the regex engine,
/// so this parser only has to be right about what it accepts.
/// </summary>
internal sealed class ShapeParser
{
    private const int MaxCount = 10_000;
    private readonly string _p;
    private readonly int _end;
    private readonly List<ShapeItem> _items = [];
    private readonly List<GroupSpan> _groups = [];
    private int _pos;
    private int _groupCounter;

    private ShapeParser(string pattern, int start, int end)
    {
        _p = pattern;
        _pos = start;
        _end = end;
    }

    public static ParsedShape? TryParse(string pattern)
    {
        var start = 0;
        var anchorStart = pattern.StartsWith('^');
        if (anchorStart)
        {
            start = 1;
        }

        var end = pattern.Length;
        var anchorEnd = pattern.EndsWith("\\z", StringComparison.Ordinal) && !IsEscaped(pattern, end - 2);
        if (anchorEnd)
        {
            end -= 2;
        }

        if (end < start)
        {
            return null;
        }

        var alternatives = TryParseAlternation(pattern, start, end, anchorStart || anchorEnd, out var captured);
        if (alternatives is not null)
        {
            return new ParsedShape(anchorStart, anchorEnd, [], [], alternatives, captured);
        }

        var parser = new ShapeParser(pattern, start, end);
        if (!parser.ParseSequence(topLevel: true))
        {
            return null;
        }

        return new ParsedShape(anchorStart, anchorEnd, parser._items, parser._groups, null, false);
    }

    private static bool IsEscaped(string p, int index)
    {
        var backslashes = 0;
        for (var i = index - 1; i >= 0 && p[i] == '\\'; i--)
        {
            backslashes++;
        }

        return backslashes % 2 == 1;
    }

    /// <summary><c>a|b|c</c>, <c>(a|b)</c> or <c>(?:a|b)</c> where every branch is a plain literal.</summary>
    private static List<byte[]>? TryParseAlternation(string p, int start, int end, bool anchored, out bool captured)
    {
        captured = false;
        var body = p.AsSpan(start, end - start);
        if (!body.Contains('|'))
        {
            return null;
        }

        var innerStart = start;
        var innerEnd = end;
        if (body.StartsWith("(?:") && body.EndsWith(")"))
        {
            innerStart += 3;
            innerEnd--;
        }
        else if (body.StartsWith("(") && !body.StartsWith("(?") && body.EndsWith(")"))
        {
            innerStart += 1;
            innerEnd--;
            captured = true;
        }
        else if (anchored)
        {
            // In `^a|b` the anchor binds to the first branch only: not a plain literal alternation.
            return null;
        }

        var result = new List<byte[]>();
        var literal = new List<byte>();
        var i = innerStart;
        while (true)
        {
            if (i == innerEnd || p[i] == '|')
            {
                result.Add([.. literal]);
                literal.Clear();
                if (i == innerEnd)
                {
                    return result;
                }

                i++;
                continue;
            }

            if (!TryReadLiteralChar(p, ref i, innerEnd, out var rune))
            {
                return null;
            }

            // A quantifier after the char would make this branch more than a literal.
            if (i < innerEnd && p[i] is '*' or '+' or '?' or '{')
            {
                return null;
            }

            AppendUtf8(literal, rune);
        }
    }

    /// <summary>Reads one literal char (plain or escaped); false for any metacharacter.</summary>
    private static bool TryReadLiteralChar(string p, ref int i, int end, out Rune rune)
    {
        rune = default;
        var c = p[i];
        if (c == '\\')
        {
            return TryReadEscape(p, ref i, end, out rune);
        }

        if (c is '.' or '[' or ']' or '(' or ')' or '|' or '^' or '$' or '*' or '+' or '?' or '{' or '}')
        {
            return false;
        }

        if (char.IsHighSurrogate(c))
        {
            if (i + 1 >= end || !char.IsLowSurrogate(p[i + 1]))
            {
                return false;
            }

            rune = new Rune(c, p[i + 1]);
            i += 2;
            return true;
        }

        if (char.IsLowSurrogate(c))
        {
            return false;
        }

        rune = new Rune(c);
        i++;
        return true;
    }

    private static bool TryReadEscape(string p, ref int i, int end, out Rune rune)
    {
        rune = default;
        if (i + 1 >= end)
        {
            return false;
        }

        var e = p[i + 1];
        int code;
        switch (e)
        {
            case 'u':
                if (i + 6 > end || !int.TryParse(p.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out code))
                {
                    return false;
                }

                i += 6;
                break;
            case 'x':
                if (i + 4 > end || !int.TryParse(p.AsSpan(i + 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out code))
                {
                    return false;
                }

                i += 4;
                break;
            case 't': code = '\t'; i += 2; break;
            case 'n': code = '\n'; i += 2; break;
            case 'r': code = '\r'; i += 2; break;
            case 'f': code = '\f'; i += 2; break;
            case 'e': code = 0x1B; i += 2; break;
            case 'a': code = 0x07; i += 2; break;
            default:
                if (char.IsAsciiLetterOrDigit(e) || e > 0x7F)
                {
                    return false;
                }

                code = e;
                i += 2;
                break;
        }

        if (!Rune.IsValid(code))
        {
            return false;
        }

        rune = new Rune(code);
        return true;
    }

    private static void AppendUtf8(List<byte> target, Rune rune)
    {
        Span<byte> buffer = stackalloc byte[4];
        var n = rune.EncodeToUtf8(buffer);
        for (var k = 0; k < n; k++)
        {
            target.Add(buffer[k]);
        }
    }

    private bool ParseSequence(bool topLevel)
    {
        while (_pos < _end)
        {
            var c = _p[_pos];
            if (c == ')')
            {
                return !topLevel;
            }

            if (c == '(')
            {
                if (!ParseGroup())
                {
                    return false;
                }

                continue;
            }

            ShapeItem atom;
            if (c == '.')
            {
                _pos++;
                atom = ShapeItem.Run(ByteClass.Dot, 1, 1);
            }
            else if (c == '[')
            {
                if (!TryParseClass(out var cls))
                {
                    return false;
                }

                atom = ShapeItem.Run(cls, 1, 1);
            }
            else
            {
                if (!TryReadLiteralChar(_p, ref _pos, _end, out var rune))
                {
                    return false;
                }

                var bytes = new List<byte>();
                AppendUtf8(bytes, rune);
                atom = ShapeItem.FromLiteral([.. bytes]);
            }

            if (!TryApplyQuantifier(ref atom))
            {
                return false;
            }

            _items.Add(atom);
        }

        return topLevel;
    }

    private bool ParseGroup()
    {
        var capturing = true;
        if (_p.AsSpan(_pos).StartsWith("(?:"))
        {
            capturing = false;
            _pos += 3;
        }
        else if (_pos + 1 < _end && _p[_pos + 1] == '?')
        {
            return false;
        }
        else
        {
            _pos++;
        }

        var number = capturing ? ++_groupCounter : 0;
        var first = _items.Count;
        if (!ParseSequence(topLevel: false) || _pos >= _end || _p[_pos] != ')')
        {
            return false;
        }

        _pos++;
        if (_pos < _end && _p[_pos] is '*' or '+' or '?' or '{')
        {
            return false;
        }

        if (capturing)
        {
            _groups.Add(new GroupSpan(number, first, _items.Count));
        }

        return true;
    }

    private bool TryApplyQuantifier(ref ShapeItem atom)
    {
        if (_pos >= _end)
        {
            return true;
        }

        int min, max;
        switch (_p[_pos])
        {
            case '*': (min, max) = (0, ShapeItem.Unbounded); _pos++; break;
            case '+': (min, max) = (1, ShapeItem.Unbounded); _pos++; break;
            case '?': (min, max) = (0, 1); _pos++; break;
            case '{':
                if (!TryParseCount(out min, out max))
                {
                    return false;
                }

                break;
            default:
                return true;
        }

        if (_pos < _end && _p[_pos] is '?' or '+' or '*' or '{')
        {
            // Lazy or stacked quantifiers are left to the regex engine.
            return false;
        }

        if (max == 0 || min > max)
        {
            return false;
        }

        if (atom.IsLiteral)
        {
            if (atom.Literal!.Length != 1 || atom.Literal[0] >= 128)
            {
                return false;
            }

            atom = ShapeItem.Run(ByteClass.Single(atom.Literal[0]), min, max);
            return true;
        }

        atom = ShapeItem.Run(atom.Class!, min, max);
        return true;
    }

    private bool TryParseCount(out int min, out int max)
    {
        min = max = 0;
        var close = _p.IndexOf('}', _pos);
        if (close < 0 || close >= _end)
        {
            return false;
        }

        var body = _p.AsSpan(_pos + 1, close - _pos - 1);
        var comma = body.IndexOf(',');
        var minText = comma < 0 ? body : body[..comma];
        if (!int.TryParse(minText, NumberStyles.None, CultureInfo.InvariantCulture, out min) || min > MaxCount)
        {
            return false;
        }

        if (comma < 0)
        {
            max = min;
        }
        else if (comma == body.Length - 1)
        {
            max = ShapeItem.Unbounded;
        }
        else if (!int.TryParse(body[(comma + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out max) || max > MaxCount)
        {
            return false;
        }

        _pos = close + 1;
        return true;
    }

    /// <summary>A class whose explicit members are all ASCII (negation then adds every non-ASCII char).</summary>
    private bool TryParseClass(out ByteClass cls)
    {
        cls = ByteClass.Dot;
        var i = _pos + 1;
        var negated = i < _end && _p[i] == '^';
        if (negated)
        {
            i++;
        }

        ulong low = 0, high = 0;
        var first = true;
        while (true)
        {
            if (i >= _end)
            {
                return false;
            }

            if (_p[i] == ']' && !first)
            {
                i++;
                break;
            }

            if (_p[i] == '[')
            {
                return false;
            }

            if (!TryReadClassChar(ref i, out var from))
            {
                return false;
            }

            var to = from;
            if (i + 1 < _end && _p[i] == '-' && _p[i + 1] != ']')
            {
                i++;
                if (_p[i] == '[' || !TryReadClassChar(ref i, out to) || to < from)
                {
                    return false;
                }
            }

            if (to >= 128)
            {
                return false;
            }

            for (var c = from; c <= to; c++)
            {
                if (c < 64)
                {
                    low |= 1UL << c;
                }
                else
                {
                    high |= 1UL << (c - 64);
                }
            }

            first = false;
        }

        _pos = i;
        var set = new ByteClass(low, high, includesNonAscii: false);
        cls = negated ? set.Complement() : set;
        return true;
    }

    private bool TryReadClassChar(ref int i, out int code)
    {
        code = 0;
        var c = _p[i];
        if (c == '\\')
        {
            if (i + 1 < _end && _p[i + 1] == 'b')
            {
                return false;
            }

            if (!TryReadEscape(_p, ref i, _end, out var rune))
            {
                return false;
            }

            code = rune.Value;
            return true;
        }

        if (c >= 128)
        {
            return false;
        }

        code = c;
        i++;
        return true;
    }
}
