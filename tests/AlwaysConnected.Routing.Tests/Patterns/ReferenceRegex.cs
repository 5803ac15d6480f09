using System.Text;
using System.Text.RegularExpressions;
using AlwaysConnected.Routing.Patterns;

namespace AlwaysConnected.Routing.Tests.Patterns;

/// <summary>
/// The oracle for differential tests: System.Text.RegularExpressions' backtracking engine run with
/// find semantics on the decoded value, its char offsets turned into UTF-8 byte offsets.
/// </summary>
internal static class ReferenceRegex
{
    public static (bool Matched, CaptureRange[] Captures) Find(string dotnetPattern, byte[] value)
    {
        var text = Encoding.UTF8.GetString(value);
        var match = new Regex(dotnetPattern, RegexOptions.CultureInvariant).Match(text);
        if (!match.Success)
        {
            return (false, []);
        }

        var captures = new CaptureRange[match.Groups.Count - 1];
        for (var g = 1; g < match.Groups.Count; g++)
        {
            var group = match.Groups[g];
            if (!group.Success)
            {
                captures[g - 1] = CaptureRange.NotMatched;
                continue;
            }

            var start = Encoding.UTF8.GetByteCount(text.AsSpan(0, group.Index));
            captures[g - 1] = new CaptureRange(start, Encoding.UTF8.GetByteCount(text.AsSpan(group.Index, group.Length)));
        }

        return (true, captures);
    }
}
