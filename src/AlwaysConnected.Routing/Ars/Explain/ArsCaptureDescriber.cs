using System.Globalization;
using System.Text;
using AlwaysConnected.Routing.Ars.Compilation;
using AlwaysConnected.Routing.Ars.Evaluation;
using AlwaysConnected.Routing.Patterns;

namespace AlwaysConnected.Routing.Ars.Explain;

/// <summary>Formats what a tested block captured for the explanation (never on the hot path: only with a trace).</summary>
internal static class ArsCaptureDescriber
{
    /// <summary>The groups a matched block captured, by reference name (<c>&amp;t1</c>, <c>&amp;p1</c>); null for a group that did not take part.</summary>
    public static List<KeyValuePair<string, string?>> Describe(CompiledBlock block, ref ArsFrame frame)
    {
        var result = new List<KeyValuePair<string, string?>>();
        var selection = frame.Selection;
        for (var g = 0; g < (block.To?.GroupCount ?? 0); g++)
        {
            result.Add(DescribeOne("t", g, selection.ToCaptures[g], frame.ToUri));
        }

        for (var g = 0; g < (block.From?.GroupCount ?? 0); g++)
        {
            result.Add(DescribeOne("f", g, selection.FromCaptures[g], frame.FromUri));
        }

        for (var g = 0; g < block.PluginGroupCount; g++)
        {
            var range = selection.PluginCaptures[g];
            result.Add(DescribeOne("p", g, range.Success ? new CaptureRange(0, range.Length) : range, range.Success ? selection.Scratch.Slice(range.Start, range.Length) : default));
        }

        return result;
    }

    private static KeyValuePair<string, string?> DescribeOne(string kind, int index, CaptureRange range, ReadOnlySpan<byte> source) =>
        new(string.Create(CultureInfo.InvariantCulture, $"&{kind}{index + 1}"), range.Success ? Encoding.UTF8.GetString(range.Slice(source)) : null);
}
