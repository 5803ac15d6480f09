namespace AlwaysConnected.Routing.DialPlan.Compilation;

/// <summary>A dial plan could not be compiled; <see cref="Diagnostics"/> lists every problem found.</summary>
public sealed class DialPlanCompilationException : Exception
{
    /// <summary>Creates the exception from the diagnostics of a failed compilation.</summary>
    public DialPlanCompilationException(IReadOnlyList<DialPlanDiagnostic> diagnostics)
        : base(BuildMessage(diagnostics))
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public DialPlanCompilationException(string message)
        : base(message)
    {
        Diagnostics = [];
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public DialPlanCompilationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnostics = [];
    }

    /// <summary>Every diagnostic of the compilation (errors, warnings and notes).</summary>
    public IReadOnlyList<DialPlanDiagnostic> Diagnostics { get; }

    private static string BuildMessage(IReadOnlyList<DialPlanDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        return $"The dial plan has {errors.Count} error(s):" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e));
    }
}
