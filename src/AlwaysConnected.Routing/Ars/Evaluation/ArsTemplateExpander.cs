using AlwaysConnected.Routing.Ars.Compilation;
using AlwaysConnected.Routing.Requests;

namespace AlwaysConnected.Routing.Ars.Evaluation;

/// <summary>
/// Fills an ARS value template (Param, deploy To/From, Custom) for one call: literal text, the groups
/// captured from To, From and the plug-ins (<c>&amp;t1</c>, <c>&amp;f1</c>, <c>&amp;p1</c>) and per-call
/// properties. A deploy value then goes through the shared guard and trim (<see cref="InjectionGuard"/>,
/// <see cref="SubstitutedValue"/>) like a dial plan's.
/// </summary>
internal static class ArsTemplateExpander
{
    /// <summary>Writes a template's value for this call to <paramref name="output"/>.</summary>
    internal static void Expand(ValueTemplate template, ref ArsFrame frame, ByteArena output)
    {
        if (template.LiteralBytes is { } literal)
        {
            output.Append(literal);
            return;
        }

        var selection = frame.Selection;
        foreach (var part in template.Parts)
        {
            switch (part.Kind)
            {
                case TemplatePartKind.Literal:
                    output.Append(part.Literal);
                    break;
                case TemplatePartKind.ToGroup:
                    output.Append(selection.ToCaptures[part.Group - 1].Slice(frame.ToUri));
                    break;
                case TemplatePartKind.FromGroup:
                    output.Append(selection.FromCaptures[part.Group - 1].Slice(frame.FromUri));
                    break;
                case TemplatePartKind.PluginGroup:
                    var range = selection.PluginCaptures[part.Group - 1];
                    if (range.Success)
                    {
                        output.Append(selection.Scratch.Slice(range.Start, range.Length));
                    }

                    break;
                case TemplatePartKind.Property:
                    if (frame.Properties is { } properties && properties.TryGetValue(part.Property!, out var value))
                    {
                        output.Append(value);
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// Expands a deploy or Custom value into the decision's arena, guarded and trimmed; <c>(-1, 0)</c> for a
    /// field the block does not set, or when the value holds CR, LF or NUL (the decision then carries the error).
    /// </summary>
    internal static (int Start, int Length) ExpandChecked(ValueTemplate? template, string field, CompiledBlock block, ref ArsFrame frame, RoutingDecision decision)
    {
        if (template is null)
        {
            return (-1, 0);
        }

        var arena = decision.Arena;

        // A constant value was checked and trimmed at load time.
        if (template.SafeTrimmedLiteral is { } literal)
        {
            return (arena.Append(literal), literal.Length);
        }

        var start = arena.Length;
        Expand(template, ref frame, arena);
        var value = arena.Slice(start, arena.Length - start);
        var bad = InjectionGuard.IndexOfForbidden(value);
        if (bad >= 0)
        {
            decision.SetError(RoutingErrorCode.InjectedLineBreak, InjectionGuard.Refusal($"ARS {block.Label}, {field}: the expanded value", value[bad], bad));
            return (-1, 0);
        }

        // Trim the way the text notation does: surrounding blanks are not part of a value.
        var trimmed = SubstitutedValue.Trim(value, out var leading);
        return (start + leading, trimmed.Length);
    }
}
