namespace AlwaysConnected.Routing.Ars.Text;

/// <summary>
/// One labelled piece of ARS text: a header or a <c>Label: value</c> field, with the 1-based position of the
/// label and of the value.
/// </summary>
/// <param name="Kind">What the piece is.</param>
/// <param name="Label">The canonical label, e.g. <c>To</c>, <c>Max Sessions</c>, <c>Plugin</c>, <c>&amp;v1</c>; for a route header the name.</param>
/// <param name="Index">The number in <c>Plugin N</c>, <c>Patterns - OUT N</c>, <c>[Row N]</c>, or null.</param>
/// <param name="Direction">The direction of a <c>Patterns -</c> header, or null.</param>
/// <param name="Value">The value, trimmed.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column of the label.</param>
/// <param name="ValueColumn">The 1-based column of the value.</param>
internal readonly record struct ArsTextToken(
    ArsTokenKind Kind,
    string Label,
    int? Index,
    ArsDirection? Direction,
    string Value,
    int Line,
    int Column,
    int ValueColumn)
{
    /// <summary>The label as an author would write it, e.g. <c>Plugin 2</c>.</summary>
    public string DisplayLabel => Index is { } index && Kind == ArsTokenKind.Field
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Label} {index}")
        : Label;
}
