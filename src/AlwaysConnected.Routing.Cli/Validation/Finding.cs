namespace AlwaysConnected.Routing.Cli.Validation;

/// <summary>One diagnostic found in a rule file: the library's <see cref="RoutingDiagnostic"/> and the file it is in.</summary>
/// <param name="File">The file it was found in.</param>
/// <param name="Diagnostic">What and where, with its id from docs/diagnostics.md.</param>
internal sealed record Finding(string File, RoutingDiagnostic Diagnostic)
{
    /// <summary>How serious it is.</summary>
    public RoutingDiagnosticSeverity Severity => Diagnostic.Severity;

    /// <summary>The diagnostic's id.</summary>
    public string Id => Diagnostic.Id;

    /// <summary>A finding of the tool itself (the file cannot be read, ...), with one of <see cref="CliDiagnosticIds"/>.</summary>
    public static Finding Of(string file, string id, RoutingDiagnosticSeverity severity, string message) =>
        new(file, new RoutingDiagnostic(id, severity, message));

    /// <summary>Formats the finding on one line, e.g. <c>rules.txt: error DP0002: rule 'x', Matching line 2, pattern: ...</c>.</summary>
    public override string ToString() => $"{File}: {Diagnostic}";
}
