using System.Globalization;

namespace AlwaysConnected.Routing.DialPlan.Text;

/// <summary>One problem found in dial plan text.</summary>
/// <param name="Line">The 1-based line number.</param>
/// <param name="Column">The 1-based column (in UTF-16 code units) where the problem starts.</param>
/// <param name="RuleName">The rule the line belongs to, if known (generated names included).</param>
/// <param name="Code">The kind of problem.</param>
/// <param name="Message">A sentence saying what is wrong.</param>
public sealed record DialPlanTextError(int Line, int Column, string? RuleName, DialPlanTextErrorCode Code, string Message)
{
    /// <summary>Returns e.g. <c>line 3, column 1, rule 'forward': ... (MissingEquals)</c>.</summary>
    public override string ToString()
    {
        var rule = RuleName is null ? string.Empty : $", rule '{RuleName}'";
        return string.Create(CultureInfo.InvariantCulture, $"line {Line}, column {Column}{rule}: {Message} ({Code})");
    }
}
