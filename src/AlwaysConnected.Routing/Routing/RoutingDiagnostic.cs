using System.Globalization;
using System.Text;

namespace AlwaysConnected.Routing;

/// <summary>
/// One problem (or note) in a rule set, from any front door or stage: the text readers, the builder, the
/// configuration mapper, the compilers and the lint. Ids are stable and listed in docs/diagnostics.md
/// (<see cref="RoutingDiagnosticIds"/>); the location says where, as precisely as the source allows.
/// </summary>
/// <param name="Id">A stable identifier, e.g. <c>DP0002</c>; see <see cref="RoutingDiagnosticIds"/>.</param>
/// <param name="Severity">How serious it is.</param>
/// <param name="Message">What is wrong, quoting the offending text (never a password).</param>
public sealed record RoutingDiagnostic(string Id, RoutingDiagnosticSeverity Severity, string Message)
{
    /// <summary>The dial plan rule concerned, or null.</summary>
    public string? Rule { get; init; }

    /// <summary>The ARS route (or route template) concerned, or null.</summary>
    public string? Route { get; init; }

    /// <summary>
    /// Where in the rule or route: <c>Matching</c> or <c>Deploy</c> for a dial plan rule, <c>IN 2</c> or
    /// <c>OUT 1</c> for an ARS block, a configuration path (e.g. <c>Routing:Ars:Routes:0</c>), the positions of
    /// two definitions a name clashes between (<c>definitions 1 and 3</c>, from <see cref="Ars.ArsDefinition.Combine"/>); or null.
    /// </summary>
    public string? Section { get; init; }

    /// <summary>The 1-based line within <see cref="Section"/> (a dial plan rule's Matching or Deploy line), or 0.</summary>
    public int Line { get; init; }

    /// <summary>The part concerned: <c>name</c>, <c>pattern</c>, <c>value</c> of a line, or an ARS field such as <c>To</c> or <c>Plugin 1</c>; or null.</summary>
    public string? Field { get; init; }

    /// <summary>The 1-based line of the text the rules were read from, or 0 when they were not read from text.</summary>
    public int TextLine { get; init; }

    /// <summary>The 1-based column (UTF-16 code units) in <see cref="TextLine"/>, or 0.</summary>
    public int TextColumn { get; init; }

    /// <summary>Whether the rules cannot be used because of this diagnostic.</summary>
    public bool IsError => Severity == RoutingDiagnosticSeverity.Error;

    /// <summary>The location as text, e.g. <c>rule 'to-itsp', Matching line 2, pattern</c> or <c>line 4, column 1, route 'itsp', OUT 1, To</c>.</summary>
    public string Location
    {
        get
        {
            var parts = new List<string>(5);
            if (TextLine > 0)
            {
                parts.Add(TextColumn > 0
                    ? string.Create(CultureInfo.InvariantCulture, $"line {TextLine}, column {TextColumn}")
                    : string.Create(CultureInfo.InvariantCulture, $"line {TextLine}"));
            }

            if (Rule is not null)
            {
                parts.Add($"rule '{Rule}'");
            }

            if (Route is not null)
            {
                parts.Add($"route '{Route}'");
            }

            if (Section is not null)
            {
                parts.Add(Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{Section} line {Line}") : Section);
            }

            if (Field is not null)
            {
                parts.Add(Field);
            }

            return string.Join(", ", parts);
        }
    }

    /// <summary>Formats the diagnostic on one line: <c>error DP0002: rule 'x', Matching line 2, pattern: Bad pattern ...</c>.</summary>
    /// <returns>The formatted diagnostic.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Severity switch
        {
            RoutingDiagnosticSeverity.Error => "error",
            RoutingDiagnosticSeverity.Warning => "warning",
            _ => "info",
        });
        text.Append(' ').Append(Id).Append(": ");
        var location = Location;
        if (location.Length > 0)
        {
            text.Append(location).Append(": ");
        }

        return text.Append(Message).ToString();
    }
}
