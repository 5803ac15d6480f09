namespace AlwaysConnected.Routing.Patterns;

/// <summary>A capture group covering the elements <c>[FirstItem, EndItem)</c> of a <see cref="ParsedShape"/>.</summary>
internal readonly record struct GroupSpan(int Number, int FirstItem, int EndItem);

/// <summary>
/// A pattern in the subset that specialised matchers handle: either a sequence of elements with
/// capture groups over element ranges, or an alternation of literals.
/// </summary>
internal sealed record ParsedShape(
    bool AnchorStart,
    bool AnchorEnd,
    IReadOnlyList<ShapeItem> Items,
    IReadOnlyList<GroupSpan> Groups,
    IReadOnlyList<byte[]>? Alternatives,
    bool AlternationCaptured)
{
    public int GroupCount => Alternatives is not null ? (AlternationCaptured ? 1 : 0) : Groups.Count;
}
