using System.Globalization;
using System.Text;

namespace AlwaysConnected.Routing.Ars.Compilation;

/// <content>
/// Value templates (Param, deploy To/From, Custom): variables expanded at load time, capture and property
/// references turned into per-call slots; routes, blocks and patterns are in the main file.
/// </content>
internal sealed partial class ArsCompilation
{
    /// <summary>
    /// Compiles a value: <c>&amp;tN</c>/<c>&amp;fN</c>/<c>&amp;pN</c> become capture slots, <c>&amp;vN</c>,
    /// <c>&amp;aN</c>, <c>&amp;bN</c>, <c>&amp;cN</c>, <c>&amp;gN</c> are substituted now, and any other
    /// <c>&amp;name</c> reads a per-call property. A reference to a group that does not exist is a warning
    /// and expands to nothing.
    /// </summary>
    private ValueTemplate CompileTemplate(string source, string field, int toGroups, int fromGroups, int pluginGroups)
    {
        var parts = new List<TemplatePart>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < source.Length)
        {
            if (source[i] == '&' && TryReadReference(source, i, out var kind, out var number, out var end))
            {
                if (kind is 'v' or 'a' or 'b' or 'c' or 'g')
                {
                    literal.Append(ResolveVariable(kind, number, field));
                }
                else
                {
                    var (partKind, available, what) = kind switch
                    {
                        't' => (TemplatePartKind.ToGroup, toGroups, "the To pattern"),
                        'f' => (TemplatePartKind.FromGroup, fromGroups, "the From pattern"),
                        _ => (TemplatePartKind.PluginGroup, pluginGroups, "the Return patterns before it"),
                    };
                    if (number > available)
                    {
                        Warning(RoutingDiagnosticIds.ArsMissingGroup, field, $"'&{kind}{number}' in '{source}' refers to group {number}, but {what} {(available == 0 ? "has no groups" : $"has only {available}")}; it expands to the empty string.");
                    }
                    else
                    {
                        Flush(parts, literal);
                        parts.Add(new TemplatePart(partKind, null, number, null));
                    }
                }

                i = end;
                continue;
            }

            if (source[i] == '&' && TryReadPropertyName(source, i + 1, out var name, out end))
            {
                Flush(parts, literal);
                parts.Add(new TemplatePart(TemplatePartKind.Property, null, 0, string.Intern(name)));
                i = end;
                continue;
            }

            literal.Append(source[i]);
            i++;
        }

        Flush(parts, literal);
        return new ValueTemplate(source, [.. parts]);
    }

    /// <summary>Substitutes only the variables (<c>&amp;v1</c>, <c>&amp;g1</c>, ...); for patterns and the target.</summary>
    private string ExpandVariables(string source, string? field)
    {
        if (!source.Contains('&', StringComparison.Ordinal))
        {
            return source;
        }

        var result = new StringBuilder();
        var i = 0;
        while (i < source.Length)
        {
            if (source[i] == '&' && TryReadReference(source, i, out var kind, out var number, out var end) && kind is 'v' or 'a' or 'b' or 'c' or 'g')
            {
                result.Append(field is null ? ResolveQuietly(kind, number) : ResolveVariable(kind, number, field));
                i = end;
                continue;
            }

            result.Append(source[i]);
            i++;
        }

        return result.ToString();
    }

    private string ResolveVariable(char kind, int number, string field)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{kind}{number}");
        var value = Lookup(name);
        if (value is null)
        {
            Warning(RoutingDiagnosticIds.ArsUndefinedVariable, field, $"Variable '&{name}' is not defined for this route; it expands to the empty string.");
        }

        return value ?? "";
    }

    private string ResolveQuietly(char kind, int number) => Lookup(string.Create(CultureInfo.InvariantCulture, $"{kind}{number}")) ?? "";

    private string? Lookup(string name)
    {
        if (name[0] == 'g')
        {
            return _definition.GlobalVariables.FirstOrDefault(v => v.Name == name)?.Value;
        }

        // Generated routes carry their row's and template's variables already.
        return _currentRoute?.GetVariable(name);
    }

    /// <summary><c>&amp;</c> + one of <c>tfpvabcg</c> + digits, not followed by a name character.</summary>
    internal static bool TryReadReference(string source, int amp, out char kind, out int number, out int end)
    {
        kind = default;
        number = 0;
        end = amp;
        if (amp + 1 >= source.Length || !"tfpvabcg".Contains(source[amp + 1], StringComparison.Ordinal))
        {
            return false;
        }

        var j = amp + 2;
        while (j < source.Length && char.IsAsciiDigit(source[j]))
        {
            j++;
        }

        if (j == amp + 2 || (j < source.Length && IsNameContinuation(source[j]))
            || !int.TryParse(source.AsSpan(amp + 2, j - amp - 2), NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1)
        {
            return false;
        }

        kind = source[amp + 1];
        end = j;
        return true;
    }

    /// <summary>A property name: a letter or <c>_</c>, then letters, digits, <c>.</c>, <c>_</c>, <c>-</c>.</summary>
    private static bool TryReadPropertyName(string source, int start, out string name, out int end)
    {
        name = "";
        end = start;
        if (start >= source.Length || !(char.IsAsciiLetter(source[start]) || source[start] == '_'))
        {
            return false;
        }

        var j = start;
        while (j < source.Length && (IsNameContinuation(source[j]) || source[j] == '-'))
        {
            j++;
        }

        name = source[start..j];
        end = j;
        return true;
    }

    private static bool IsNameContinuation(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_';

    private static void Flush(List<TemplatePart> parts, StringBuilder literal)
    {
        if (literal.Length == 0)
        {
            return;
        }

        parts.Add(new TemplatePart(TemplatePartKind.Literal, Encoding.UTF8.GetBytes(literal.ToString()), 0, null));
        literal.Clear();
    }
}
