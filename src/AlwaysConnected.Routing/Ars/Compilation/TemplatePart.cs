namespace AlwaysConnected.Routing.Ars.Compilation;

/// <summary>What one piece of a field value stands for once variables are expanded.</summary>
internal enum TemplatePartKind
{
    Literal,
    ToGroup,
    FromGroup,
    PluginGroup,
    Property,
}

/// <summary>One piece of a field value: literal bytes, a capture group (1-based) or a per-call property.</summary>
internal readonly record struct TemplatePart(TemplatePartKind Kind, byte[]? Literal, int Group, string? Property);
