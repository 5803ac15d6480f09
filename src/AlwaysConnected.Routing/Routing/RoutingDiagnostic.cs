namespace AlwaysConnected.Routing;

/// <summary>One problem (or note) in a rule set, from any stage, located so an operator can find it.</summary>
/// <param name="Severity">How serious it is.</param>
/// <param name="Code">A stable identifier (e.g. <c>DP0002</c>, <c>ARS0003</c>, <c>CFG0001</c>).</param>
/// <param name="Location">Where: rule or route name, block, line and field, as text.</param>
/// <param name="Message">What is wrong.</param>
public sealed record RoutingDiagnostic(RoutingDiagnosticSeverity Severity, string Code, string Location, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Severity.ToString().ToLowerInvariant()} {Code}: {Location}: {Message}";
}
