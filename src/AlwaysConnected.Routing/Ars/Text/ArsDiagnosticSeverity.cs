namespace AlwaysConnected.Routing.Ars.Text;

/// <summary>How serious a finding of the ARS text reader is.</summary>
public enum ArsDiagnosticSeverity
{
    /// <summary>The text was read, but something in it is probably not what the author meant.</summary>
    Warning,

    /// <summary>The text cannot be turned into a definition.</summary>
    Error,
}
