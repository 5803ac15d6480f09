using System.Text;
using AlwaysConnected.Routing;
using AlwaysConnected.Routing.Requests;

namespace AlwaysConnected.Routing.DialPlan.Evaluation.Sources;

/// <summary>
/// The raw value of the first occurrence of a header (compact and long forms alike), as edited by
/// earlier rules of the same evaluation.
/// </summary>
internal sealed class HeaderSource(string name) : ValueSource
{
    public string Name { get; } = name;

    public byte[] NameBytes { get; } = Encoding.UTF8.GetBytes(name);

    /// <summary>The header's id, resolved once here rather than from its name on every request.</summary>
    public Sip.SipHeaderId Id { get; } = Sip.SipHeaderNameLookup.GetId(Encoding.UTF8.GetBytes(name));

    public override ValueRef Evaluate(ref EvaluationFrame frame)
    {
        // Edits made by earlier rules ($continue) are visible to later rules: semantics §4.
        if (frame.Decision.HeaderEditCount > 0 && frame.Decision.TryGetHeaderEdit(NameBytes, out var kind, out var edited))
        {
            return kind == HeaderEditKind.Remove ? ValueRef.Null : frame.Store(edited);
        }

        return RequestReader.TryGetFirstHeaderValue(frame.Message, Id, NameBytes, out var value)
            ? frame.Store(value)
            : ValueRef.Null;
    }

    public override string ToString() => Name;
}
