using System.Text;
using AlwaysConnected.Routing.Requests;

namespace AlwaysConnected.Routing.Ars.Compilation;

/// <summary>
/// A Param, deploy or Custom value compiled at load time: variables are already substituted, capture and
/// property references are slots filled per call.
/// </summary>
internal sealed class ValueTemplate
{
    public ValueTemplate(string source, TemplatePart[] parts)
    {
        Source = source;
        Parts = parts;
        if (parts.Length == 0)
        {
            LiteralBytes = [];
        }
        else if (parts.Length == 1 && parts[0].Kind == TemplatePartKind.Literal)
        {
            LiteralBytes = parts[0].Literal;
        }

        LiteralText = LiteralBytes is null ? null : Encoding.UTF8.GetString(LiteralBytes);
        if (LiteralBytes is not null)
        {
            SafeTrimmedLiteral = SubstitutedValue.SafeTrimmedConstant(LiteralBytes);
        }
    }

    /// <summary>The value as written.</summary>
    public string Source { get; }

    public TemplatePart[] Parts { get; }

    /// <summary>The value when it holds no per-call reference; null otherwise.</summary>
    public byte[]? LiteralBytes { get; }

    /// <summary><see cref="LiteralBytes"/> as text, for plug-ins and lookups keyed by string.</summary>
    public string? LiteralText { get; }

    /// <summary>
    /// <see cref="LiteralBytes"/> trimmed of blanks, when it holds no CR, LF or NUL: a deploy value that needs
    /// neither expansion nor the per-call injection check. Null for a value with references or bad bytes.
    /// </summary>
    public byte[]? SafeTrimmedLiteral { get; }
}
