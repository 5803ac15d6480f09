namespace AlwaysConnected.Routing.DialPlan.Compilation;

/// <summary>One problem (or note) found while compiling a dial plan, located by rule, line and field.</summary>
/// <param name="Severity">Whether the plan can still run.</param>
/// <param name="Code">A stable identifier, e.g. <c>DP0003</c>.</param>
/// <param name="RuleName">The rule it concerns.</param>
/// <param name="Section">The section of the rule: <c>Matching</c> or <c>Deploy</c> (null for the rule itself).</param>
/// <param name="LineNumber">The 1-based position of the line within its section (0 for the rule itself).</param>
/// <param name="Field">The part of the line: <c>name</c>, <c>pattern</c> or <c>value</c> (null for the whole line).</param>
/// <param name="Message">What is wrong, quoting the offending text.</param>
public sealed record DialPlanDiagnostic(
    DiagnosticSeverity Severity,
    string Code,
    string RuleName,
    string? Section,
    int LineNumber,
    string? Field,
    string Message)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var where = Section is null ? $"rule '{RuleName}'" : $"rule '{RuleName}', {Section} line {LineNumber}{(Field is null ? string.Empty : $", {Field}")}";
        return $"{Severity.ToString().ToLowerInvariant()} {Code}: {where}: {Message}";
    }
}
