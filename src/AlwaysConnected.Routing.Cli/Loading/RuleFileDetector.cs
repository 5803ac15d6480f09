using System.Text.RegularExpressions;

namespace AlwaysConnected.Routing.Cli.Loading;

/// <summary>
/// Tells a dial plan text from ARS text and JSON by content, for files given without
/// <c>--dialplan</c>/<c>--ars</c>. JSON starts with <c>{</c>; ARS text has ARS-only headers
/// (<c>Patterns - IN</c>, <c>[Route ...]</c>, <c>[Template ...]</c>); everything else is read as a dial plan.
/// </summary>
internal static partial class RuleFileDetector
{
    public static RuleFileKind Detect(string path, string text)
    {
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || text.TrimStart().StartsWith('{'))
        {
            return RuleFileKind.JsonConfiguration;
        }

        return ArsMarker().IsMatch(text) ? RuleFileKind.ArsText : RuleFileKind.DialPlanText;
    }

    [GeneratedRegex(@"^\s*(Patterns\s*-\s*(IN|OUT)\b|\[\s*(Route|Template)\b)", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ArsMarker();
}
