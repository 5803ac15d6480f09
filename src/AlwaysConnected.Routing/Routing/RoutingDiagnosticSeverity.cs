namespace AlwaysConnected.Routing;

/// <summary>How serious a <see cref="RoutingDiagnostic"/> is.</summary>
public enum RoutingDiagnosticSeverity
{
    /// <summary>A note, e.g. which engine a pattern got.</summary>
    Info,

    /// <summary>The rules run, but probably not as meant.</summary>
    Warning,

    /// <summary>The rules cannot be used.</summary>
    Error,
}
