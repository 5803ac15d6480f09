using System.Diagnostics.CodeAnalysis;

namespace AlwaysConnected.Routing.Ars.Text;

/// <summary>
/// Reads the ARS text notation (see docs/ars-notation.md): the block form with one field per line, and the
/// vendor's one-line form such as
/// <c>Patterns - IN [Matching Patterns] To: sip:(.+)@ Plugin 1: sipheader ...</c>.
/// </summary>
internal static class ArsTextReader
{
    /// <summary>Reads ARS text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="RoutingConfigurationException">The text has errors; the exception lists all of them.</exception>
    public static ArsDefinition Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (definition, diagnostics) = new ArsTextParser().Parse(text);
        return definition ?? throw new RoutingConfigurationException(diagnostics);
    }

    /// <summary>Reads ARS text, collecting every error and warning instead of throwing.</summary>
    /// <param name="text">The text.</param>
    /// <param name="definition">The definition, or null when there are errors.</param>
    /// <param name="diagnostics">Every finding in text order; warnings may be present on success.</param>
    /// <returns>True when the text has no errors.</returns>
    public static bool TryParse(
        string text,
        [NotNullWhen(true)] out ArsDefinition? definition,
        out IReadOnlyList<RoutingDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(text);
        (definition, diagnostics) = new ArsTextParser().Parse(text);
        return definition is not null;
    }
}
