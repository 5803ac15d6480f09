using System.Diagnostics.CodeAnalysis;

namespace AlwaysConnected.Routing.Ars.Compilation;

/// <summary>
/// Compiles an <see cref="ArsDefinition"/> for routing: patterns compiled once, plug-ins resolved, variables
/// substituted and capture/property references turned into slots. Every problem is collected, not just the first.
/// </summary>
internal static class ArsCompiler
{
    /// <summary>Compiles ARS routes.</summary>
    /// <param name="definition">The routes (templates are expanded into their generated routes).</param>
    /// <param name="options">Compilation options and run-time services; defaults when null.</param>
    /// <param name="version">The snapshot version decisions will carry.</param>
    /// <returns>The compiled routes; warnings are in <see cref="CompiledArs.Diagnostics"/>.</returns>
    /// <exception cref="RoutingConfigurationException">The routes have errors; the exception lists all of them.</exception>
    public static CompiledArs Compile(ArsDefinition definition, ArsOptions? options = null, long version = 0)
    {
        if (TryCompile(definition, options, version, out var compiled, out var diagnostics))
        {
            return compiled;
        }

        throw new RoutingConfigurationException(diagnostics);
    }

    /// <summary>Compiles ARS routes, reporting errors instead of throwing.</summary>
    /// <param name="definition">The routes.</param>
    /// <param name="options">Compilation options; defaults when null.</param>
    /// <param name="version">The snapshot version decisions will carry.</param>
    /// <param name="compiled">The compiled routes, or null when there are errors.</param>
    /// <param name="diagnostics">Every error and warning, in route and block order.</param>
    /// <returns>True when there are no errors.</returns>
    public static bool TryCompile(
        ArsDefinition definition,
        ArsOptions? options,
        long version,
        [NotNullWhen(true)] out CompiledArs? compiled,
        out IReadOnlyList<RoutingDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var compilation = new ArsCompilation(definition, options ?? new ArsOptions());
        compiled = compilation.Run(version);
        diagnostics = compilation.Diagnostics;
        if (compilation.Diagnostics.Any(d => d.Severity == RoutingDiagnosticSeverity.Error))
        {
            compiled = null;
        }

        return compiled is not null;
    }
}
