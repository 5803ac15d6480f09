using System.Globalization;
using System.Text;

namespace AlwaysConnected.Routing.Cli.Validation;

/// <summary>
/// One problem (or note) found in a rule file, located as precisely as its source allows: the file,
/// the rule or route, the section (Matching/Deploy, IN 1, ...), the line and column, and the field.
/// </summary>
/// <param name="Severity">How serious it is.</param>
/// <param name="Code">A stable identifier: the library's (DP0002, CFG0003, ...), the text reader's, or the tool's own (SR...).</param>
/// <param name="File">The file it was found in.</param>
/// <param name="Message">What is wrong.</param>
internal sealed record Finding(FindingSeverity Severity, string Code, string File, string Message)
{
    /// <summary>The dial plan rule or ARS route concerned.</summary>
    public string? Rule { get; init; }

    /// <summary>Whether <see cref="Rule"/> names an ARS route rather than a dial plan rule.</summary>
    public bool IsArsRoute { get; init; }

    /// <summary>Where in the rule: <c>Matching</c>, <c>Deploy</c>, <c>IN 1</c>, <c>OUT 2</c>, or a configuration path.</summary>
    public string? Section { get; init; }

    /// <summary>The line: of the file for text errors, of the section for compile diagnostics (see <see cref="LineIsInSection"/>).</summary>
    public int? Line { get; init; }

    /// <summary>Whether <see cref="Line"/> counts lines of the rule's section rather than of the file.</summary>
    public bool LineIsInSection { get; init; }

    /// <summary>The 1-based column in the file, when known.</summary>
    public int? Column { get; init; }

    /// <summary>The part of the line: <c>name</c>, <c>pattern</c>, <c>value</c>, or an ARS field label.</summary>
    public string? Field { get; init; }

    /// <summary>Formats the finding on one line, e.g. <c>rules.txt: error DP0002: rule 'x', Matching line 2, pattern: ...</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(File).Append(": ").Append(Severity.ToString().ToLowerInvariant()).Append(' ').Append(Code).Append(": ");
        var parts = new List<string>();
        if (Rule is not null)
        {
            parts.Add(IsArsRoute ? $"route '{Rule}'" : $"rule '{Rule}'");
        }

        if (LineIsInSection && Section is not null && Line is { } sectionLine)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{Section} line {sectionLine}"));
        }
        else
        {
            if (Section is not null)
            {
                parts.Add(Section);
            }

            if (Line is { } line)
            {
                parts.Add(Column is { } column
                    ? string.Create(CultureInfo.InvariantCulture, $"line {line}, column {column}")
                    : string.Create(CultureInfo.InvariantCulture, $"line {line}"));
            }
        }

        if (Field is not null)
        {
            parts.Add(Field);
        }

        if (parts.Count > 0)
        {
            text.Append(string.Join(", ", parts)).Append(": ");
        }

        return text.Append(Message).ToString();
    }
}
