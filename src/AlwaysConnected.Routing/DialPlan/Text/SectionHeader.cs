using System.Text.RegularExpressions;

namespace AlwaysConnected.Routing.DialPlan.Text;

/// <summary>
/// A bracketed header found in a line: <c>[Matching Patterns]</c>, <c>[Deploy Patterns]</c>,
/// <c>[Rule NAME]</c> or <c>[Preliminary Rule NAME]</c>. Keywords are case-insensitive and may be
/// separated by any run of white space, because pasted text often differs in both.
/// </summary>
/// <param name="Kind">What the header introduces.</param>
/// <param name="End">Index just after the closing ']' (the line length if unclosed).</param>
/// <param name="RuleName">For rule headers, the trimmed name; empty when none is given.</param>
/// <param name="RuleNameIndex">For rule headers, the index of the name (or of the ']' when empty).</param>
internal readonly partial record struct SectionHeader(SectionHeaderKind Kind, int End, string RuleName, int RuleNameIndex)
{
    /// <summary>Reads the header starting at <paramref name="start"/>, where the line has a '['.</summary>
    internal static SectionHeader Parse(string line, int start)
    {
        var close = line.IndexOf(']', start);
        if (close < 0)
        {
            return new SectionHeader(SectionHeaderKind.Unclosed, line.Length, string.Empty, -1);
        }

        var inner = line[(start + 1)..close];
        if (MatchingPattern().IsMatch(inner))
        {
            return new SectionHeader(SectionHeaderKind.Matching, close + 1, string.Empty, -1);
        }

        if (DeployPattern().IsMatch(inner))
        {
            return new SectionHeader(SectionHeaderKind.Deploy, close + 1, string.Empty, -1);
        }

        var rule = RulePattern().Match(inner);
        if (!rule.Success)
        {
            return new SectionHeader(SectionHeaderKind.Unknown, close + 1, string.Empty, -1);
        }

        var kind = rule.Groups["preliminary"].Success ? SectionHeaderKind.PreliminaryRule : SectionHeaderKind.Rule;
        var name = rule.Groups["name"];
        return name.Success && name.Length > 0
            ? new SectionHeader(kind, close + 1, name.Value, start + 1 + name.Index)
            : new SectionHeader(kind, close + 1, string.Empty, close);
    }

    /// <summary>
    /// True when a <c>[Matching Patterns]</c> or <c>[Deploy Patterns]</c> header starts at
    /// <paramref name="start"/> and is followed by white space or the end of the line, which is how a
    /// section switch is recognised inside a one-line rule.
    /// </summary>
    internal static bool IsInlineSectionSwitch(string line, int start)
    {
        if (line[start] != '[')
        {
            return false;
        }

        var header = Parse(line, start);
        return header.Kind is SectionHeaderKind.Matching or SectionHeaderKind.Deploy
            && (header.End == line.Length || char.IsWhiteSpace(line[header.End]));
    }

    [GeneratedRegex(@"^\s*matching\s+patterns\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MatchingPattern();

    [GeneratedRegex(@"^\s*deploy\s+patterns\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DeployPattern();

    [GeneratedRegex(@"^\s*(?:(?<preliminary>preliminary)\s+)?rule(?:\s+(?<name>.*?))?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex RulePattern();
}
