namespace AlwaysConnected.Routing;

/// <summary>A rule set is invalid; <see cref="Diagnostics"/> lists every problem found, not just the first.</summary>
public sealed class RoutingConfigurationException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public RoutingConfigurationException(IReadOnlyList<RoutingDiagnostic> diagnostics)
        : base(BuildMessage(diagnostics))
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public RoutingConfigurationException(string message)
        : base(message)
    {
        Diagnostics = [];
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public RoutingConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnostics = [];
    }

    /// <summary>Every diagnostic (errors first).</summary>
    public IReadOnlyList<RoutingDiagnostic> Diagnostics { get; }

    /// <summary>Only the errors.</summary>
    public IEnumerable<RoutingDiagnostic> Errors => Diagnostics.Where(d => d.Severity == RoutingDiagnosticSeverity.Error);

    private static string BuildMessage(IReadOnlyList<RoutingDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var errors = diagnostics.Where(d => d.Severity == RoutingDiagnosticSeverity.Error).ToList();
        return $"The routing rules have {errors.Count} error(s):" + Environment.NewLine
            + string.Join(Environment.NewLine, errors.Select(e => "  " + e));
    }
}
