using AlwaysConnected.Routing.DialPlan.Evaluation.Index;
using AlwaysConnected.Routing.DialPlan.Evaluation.Sources;

namespace AlwaysConnected.Routing.DialPlan.Compilation;

/// <summary>
/// Chooses, for each rule, the literal prefix it requires of the request line or of a header, and
/// builds the <see cref="DialPlanRuleIndex"/> from them.
/// </summary>
/// <remarks>
/// A rule is keyed on a matching line only when skipping the rule cannot change anything but the
/// wasted work: the line's pattern is anchored with a literal start and not negated (an absent value
/// or one without the prefix fails it), and every line before it only reads the request (headers,
/// the request line, literals, captures, environment variables, the built-in request functions such as <c>$localhost</c>) — a rule whose earlier line calls a
/// function that may have effects (a host function, a session counter) is always evaluated, so the
/// function runs exactly as often as without the index.
/// </remarks>
internal static class RuleIndexBuilder
{
    public static DialPlanRuleIndex Build(IReadOnlyList<CompiledRule> rules)
    {
        var words = Math.Max(1, (rules.Count + 63) / 64);
        var always = new ulong[words];
        var keys = new List<string>();
        var sources = new List<HeaderSource?>();
        var entries = new List<List<(byte[] Prefix, int Rule)>>();
        var indexed = 0;
        var provenLines = new int[rules.Count];
        Array.Fill(provenLines, -1);
        for (var r = 0; r < rules.Count; r++)
        {
            var rule = rules[r];
            if (rule.Disabled)
            {
                // Never evaluated on the hot path; explain (which lists them) does not use the index.
                continue;
            }

            if (!TryChooseKey(rule, out var header, out var prefix, out var keyLine))
            {
                always[r >> 6] |= 1UL << r;
                continue;
            }

            // Exact names: whether two spellings read the same header is the message lookup's business.
            var key = header is null ? "$request" : header.Name;
            var slot = keys.IndexOf(key);
            if (slot < 0)
            {
                if (keys.Count == DialPlanRuleIndex.MaxValues)
                {
                    always[r >> 6] |= 1UL << r;
                    continue;
                }

                slot = keys.Count;
                keys.Add(key);
                sources.Add(header);
                entries.Add([]);
            }

            entries[slot].Add((prefix, r));
            indexed++;

            // A prefix pattern on the request line holds exactly when the trie finds its prefix, and
            // nothing re-adds such a rule later (header edits never change the request line), so the
            // evaluator need not test that line again for a candidate the trie chose.
            var line = rule.Matching[keyLine];
            if (header is null && line.Pattern.Engine == Patterns.PatternEngine.Prefix && !line.Pattern.IsNegated)
            {
                provenLines[r] = keyLine;
            }
        }

        var values = new IndexedValue[keys.Count];
        for (var v = 0; v < values.Length; v++)
        {
            values[v] = new IndexedValue(sources[v], PrefixTrie.Build(entries[v]), [.. entries[v].Select(e => e.Rule)]);
        }

        return new DialPlanRuleIndex(rules.Count, always, values, indexed, provenLines);
    }

    /// <summary>The eligible line with the longest required prefix (the most selective), if any.</summary>
    internal static bool TryChooseKey(CompiledRule rule, out HeaderSource? header, out byte[] prefix) =>
        TryChooseKey(rule, out header, out prefix, out _);

    private static bool TryChooseKey(CompiledRule rule, out HeaderSource? header, out byte[] prefix, out int keyLine)
    {
        header = null;
        prefix = [];
        keyLine = -1;
        var found = false;
        for (var i = 0; i < rule.Matching.Length; i++)
        {
            var line = rule.Matching[i];
            var required = line.Pattern.AnchoredLiteralPrefix;
            var kind = Classify(line.Source);
            if (kind is SourceKind.Header or SourceKind.RequestLine && !line.Pattern.IsNegated && required.Length > prefix.Length)
            {
                header = line.Source as HeaderSource;
                prefix = required.ToArray();
                keyLine = i;
                found = true;
            }

            if (kind == SourceKind.Other)
            {
                // Lines after this one may never be reached: keying on them would skip this line's effects.
                break;
            }
        }

        return found;
    }

    private static SourceKind Classify(ValueSource source) => source switch
    {
        HeaderSource => SourceKind.Header,
        RequestLineSource => SourceKind.RequestLine,
        LiteralSource or CaptureSource or EnvironmentSource or RequestFunctionSource => SourceKind.ReadOnly,
        _ => SourceKind.Other,
    };

    private enum SourceKind
    {
        Other,
        ReadOnly,
        Header,
        RequestLine,
    }
}
