namespace AlwaysConnected.Routing.DialPlan.Compilation;

/// <summary>How serious a compile diagnostic is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Information, e.g. which pattern engine a pattern got.</summary>
    Info,

    /// <summary>The plan runs, but probably not as meant.</summary>
    Warning,

    /// <summary>The plan cannot be built.</summary>
    Error,
}
