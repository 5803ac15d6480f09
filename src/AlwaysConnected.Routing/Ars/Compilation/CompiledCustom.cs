namespace AlwaysConnected.Routing.Ars.Compilation;

/// <summary>One Custom line: sets a header (<see cref="HeaderName"/>) or a per-call property (<see cref="PropertyName"/>).</summary>
/// <param name="HeaderName">The header name (UTF-8), or null for a property.</param>
/// <param name="PropertyName">The property name without <c>&amp;</c>, or null for a header.</param>
/// <param name="EnvironmentName">The property name with its <c>&amp;</c>, as the decision reports it.</param>
/// <param name="Value">The value template.</param>
/// <param name="Label">The field as diagnostics and errors name it, e.g. <c>Custom 2</c>.</param>
internal sealed record CompiledCustom(byte[]? HeaderName, string? PropertyName, string? EnvironmentName, ValueTemplate Value, string Label);
