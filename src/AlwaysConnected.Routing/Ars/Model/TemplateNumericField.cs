namespace AlwaysConnected.Routing.Ars;

/// <summary>A numeric block setting a template may take from a variable.</summary>
internal enum TemplateNumericField
{
    /// <summary><see cref="ArsPatternBlock.Priority"/>.</summary>
    Priority,

    /// <summary><see cref="ArsPatternBlock.MaxSessions"/>.</summary>
    MaxSessions,
}
