using System.Numerics;

namespace AlwaysConnected.Routing.DialPlan.Evaluation.Index;

/// <summary>
/// Which rules can possibly match a request, found without evaluating them: a rule whose matching
/// line requires a literal prefix of the request line or of a header (<c>$request = ^INVITE</c>,
/// <c>To = ^&lt;sip:1987</c>) is a candidate only when the value has that prefix; rules without such
/// a line are always candidates. Candidates are a bit set over rule numbers, so walking them in
/// order preserves first-match order exactly.
/// </summary>
internal sealed class DialPlanRuleIndex
{
    /// <summary>At most this many distinct values are indexed; edits are tracked in one 64-bit mask.</summary>
    public const int MaxValues = 64;

    private readonly ulong[] _always;

    private readonly int[] _provenLines;

    public DialPlanRuleIndex(int ruleCount, ulong[] always, IndexedValue[] values, int indexedRules, int[] provenLines)
    {
        _provenLines = provenLines;
        RuleCount = ruleCount;
        _always = always;
        Values = values;
        IndexedRuleCount = indexedRules;
    }

    public int RuleCount { get; }

    /// <summary>How many 64-bit words the candidate set needs.</summary>
    public int WordCount => _always.Length;

    public IndexedValue[] Values { get; }

    /// <summary>How many rules are keyed on a value (the others are always evaluated).</summary>
    public int IndexedRuleCount { get; }

    /// <summary>
    /// The matching line of rule <paramref name="rule"/> that holds whenever the index makes the rule a
    /// candidate (a request-line prefix the trie found), or -1.
    /// </summary>
    public int ProvenLine(int rule) => _provenLines[rule];

    /// <summary>Fills <paramref name="bits"/> with the rules worth evaluating for this request.</summary>
    public void MarkCandidates(ref EvaluationFrame frame, scoped Span<ulong> bits)
    {
        _always.CopyTo(bits);
        foreach (var value in Values)
        {
            var text = value.Read(ref frame, out var isNull);
            if (!isNull)
            {
                value.Trie.Mark(text, bits);
            }
        }
    }

    /// <summary>
    /// After a rule deployed and evaluation continues: every rule keyed on a header that is now edited
    /// becomes a candidate again, since the value it was selected by is no longer the one it will read.
    /// </summary>
    /// <param name="frame">The evaluation.</param>
    /// <param name="bits">The candidate set.</param>
    /// <param name="widened">Values already handled (bit per value), updated.</param>
    public void Widen(ref EvaluationFrame frame, scoped Span<ulong> bits, ref ulong widened)
    {
        if (frame.Decision.HeaderEditCount == 0)
        {
            return;
        }

        for (var v = 0; v < Values.Length; v++)
        {
            if ((widened & (1UL << v)) != 0 || !Values[v].IsEdited(ref frame))
            {
                continue;
            }

            widened |= 1UL << v;
            foreach (var rule in Values[v].Rules)
            {
                bits[rule >> 6] |= 1UL << rule;
            }
        }
    }

    /// <summary>The number of candidates in a set (for tests and diagnostics).</summary>
    public static int Count(ReadOnlySpan<ulong> bits)
    {
        var count = 0;
        foreach (var word in bits)
        {
            count += BitOperations.PopCount(word);
        }

        return count;
    }
}
