using System.Globalization;
using System.Text;

namespace AlwaysConnected.Routing.Ars.Text;

/// <summary>One finding of the ARS text reader, with where it is: line, column, route, block and field.</summary>
/// <remarks>Messages never contain a password value.</remarks>
/// <param name="Severity">Error or warning.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column.</param>
/// <param name="RouteName">The route (or template) the finding is in, or null outside any route.</param>
/// <param name="Direction">The block's direction, or null outside any block.</param>
/// <param name="BlockNumber">The block's number, or null outside any block.</param>
/// <param name="Field">The field label (e.g. <c>Priority</c>, <c>Plugin 1</c>), or null.</param>
public sealed record ArsTextDiagnostic(
    ArsDiagnosticSeverity Severity,
    string Message,
    int Line,
    int Column,
    string? RouteName,
    ArsDirection? Direction,
    int? BlockNumber,
    string? Field)
{
    /// <summary>Formats the finding as <c>line L, column C: route 'R', OUT 2, field 'F': message</c>.</summary>
    /// <returns>The formatted finding.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Severity == ArsDiagnosticSeverity.Error ? "error" : "warning");
        text.Append(CultureInfo.InvariantCulture, $" at line {Line}, column {Column}");
        if (RouteName is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $", route '{RouteName}'");
        }

        if (Direction is { } direction && BlockNumber is { } number)
        {
            text.Append(CultureInfo.InvariantCulture, $", {(direction == ArsDirection.In ? "IN" : "OUT")} {number}");
        }

        if (Field is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $", field '{Field}'");
        }

        return text.Append(": ").Append(Message).ToString();
    }
}
