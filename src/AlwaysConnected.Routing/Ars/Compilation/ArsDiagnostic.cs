using AlwaysConnected.Routing.Ars.Text;

namespace AlwaysConnected.Routing.Ars.Compilation;

/// <summary>One problem found while compiling ARS routes, located by route, direction, block and field.</summary>
/// <param name="Severity">Whether the routes can still run.</param>
/// <param name="Code">A stable identifier, e.g. <c>ARS001</c>.</param>
/// <param name="RouteName">The route it concerns (a template's generated route name, e.g. <c>outbound*1</c>).</param>
/// <param name="Direction">The block's direction, or null for the route itself.</param>
/// <param name="BlockNumber">The block's number, or 0 for the route itself.</param>
/// <param name="Field">The field, e.g. <c>To</c>, <c>Param 1</c>, <c>Custom 2</c>, <c>Target</c>; null for the whole block.</param>
/// <param name="Message">What is wrong, quoting the offending text.</param>
public sealed record ArsDiagnostic(
    ArsDiagnosticSeverity Severity,
    string Code,
    string RouteName,
    ArsDirection? Direction,
    int BlockNumber,
    string? Field,
    string Message)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var where = $"route '{RouteName}'";
        if (Direction is { } direction)
        {
            where += $", {(direction == ArsDirection.In ? "IN" : "OUT")} {BlockNumber}";
        }

        if (Field is not null)
        {
            where += $", {Field}";
        }

        return $"{Severity.ToString().ToLowerInvariant()} {Code}: {where}: {Message}";
    }
}
