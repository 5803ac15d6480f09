using AlwaysConnected.Routing.DialPlan.Evaluation.Sources;

namespace AlwaysConnected.Routing.DialPlan.Evaluation.Index;

/// <summary>
/// One value the rule index keys rules on — the request line (<c>$request</c>) or the first value of a
/// header — with the trie of the literal prefixes rules require of it.
/// </summary>
internal sealed class IndexedValue(HeaderSource? header, PrefixTrie trie, int[] rules)
{
    /// <summary>The header read, or null for the request line.</summary>
    public HeaderSource? Header { get; } = header;

    public PrefixTrie Trie { get; } = trie;

    /// <summary>Every rule keyed on this value, for when an edit makes the value unknown in advance.</summary>
    public int[] Rules { get; } = rules;

    /// <summary>Reads the value exactly as the rules' matching lines would (edits by earlier rules included).</summary>
    public ReadOnlySpan<byte> Read(ref EvaluationFrame frame, out bool isNull)
    {
        if (Header is null)
        {
            // $request: the start line of a request, no value otherwise.
            isNull = !frame.Message.IsRequest;
            return isNull ? default : frame.Message.StartLine;
        }

        var value = Header.Evaluate(ref frame);
        isNull = value.IsNull;
        return frame.Resolve(value);
    }

    /// <summary>Whether an earlier rule's deploy has edited the value (only headers can be edited).</summary>
    public bool IsEdited(ref EvaluationFrame frame) =>
        Header is not null && frame.Decision.HeaderEditCount > 0 && frame.Decision.TryGetHeaderEdit(Header.NameBytes, out _, out _);

    public override string ToString() => Header?.Name ?? "$request";
}
