using AlwaysConnected.Routing.Ars.Text;

namespace AlwaysConnected.Routing.Ars.Compilation;

/// <summary>ARS routes could not be compiled; <see cref="Diagnostics"/> lists every problem found.</summary>
public sealed class ArsCompilationException : Exception
{
    /// <summary>Creates the exception from the diagnostics of a failed compilation.</summary>
    /// <param name="diagnostics">Every diagnostic (errors and warnings).</param>
    public ArsCompilationException(IReadOnlyList<ArsDiagnostic> diagnostics)
        : base(BuildMessage(diagnostics))
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public ArsCompilationException(string message)
        : base(message)
    {
        Diagnostics = [];
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ArsCompilationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnostics = [];
    }

    /// <summary>Creates the exception with a default message.</summary>
    public ArsCompilationException()
        : this("The ARS routes could not be compiled.")
    {
    }

    /// <summary>Every diagnostic of the compilation (errors and warnings).</summary>
    public IReadOnlyList<ArsDiagnostic> Diagnostics { get; }

    private static string BuildMessage(IReadOnlyList<ArsDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var errors = diagnostics.Where(d => d.Severity == ArsDiagnosticSeverity.Error).ToList();
        return $"The ARS routes have {errors.Count} error(s):" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e));
    }
}
