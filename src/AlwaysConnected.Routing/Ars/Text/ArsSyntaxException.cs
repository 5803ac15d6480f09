using AlwaysConnected.Routing.Collections;

namespace AlwaysConnected.Routing.Ars.Text;

/// <summary>ARS text could not be read; <see cref="Diagnostics"/> lists every finding, errors and warnings.</summary>
public sealed class ArsSyntaxException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="diagnostics">All findings; at least one should be an error.</param>
    public ArsSyntaxException(EquatableArray<ArsTextDiagnostic> diagnostics)
        : base(FormatMessage(diagnostics))
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Creates the exception with a message only (no findings).</summary>
    public ArsSyntaxException()
        : this(EquatableArray<ArsTextDiagnostic>.Empty)
    {
    }

    /// <summary>Creates the exception with a message only (no findings).</summary>
    /// <param name="message">The message.</param>
    public ArsSyntaxException(string message)
        : base(message)
    {
        Diagnostics = EquatableArray<ArsTextDiagnostic>.Empty;
    }

    /// <summary>Creates the exception with a message and an inner exception (no findings).</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ArsSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnostics = EquatableArray<ArsTextDiagnostic>.Empty;
    }

    /// <summary>Every finding, in text order.</summary>
    public EquatableArray<ArsTextDiagnostic> Diagnostics { get; }

    /// <summary>The errors among <see cref="Diagnostics"/>.</summary>
    public IEnumerable<ArsTextDiagnostic> Errors => Diagnostics.Where(d => d.Severity == ArsDiagnosticSeverity.Error);

    private static string FormatMessage(EquatableArray<ArsTextDiagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.Severity == ArsDiagnosticSeverity.Error).ToList();
        if (errors.Count == 0)
        {
            return "The ARS text could not be read.";
        }

        return $"The ARS text has {errors.Count} error(s):{Environment.NewLine}{string.Join(Environment.NewLine, errors)}";
    }
}
