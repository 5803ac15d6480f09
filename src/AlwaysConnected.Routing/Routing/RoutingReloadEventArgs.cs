namespace AlwaysConnected.Routing;

/// <summary>The result of a reload attempt.</summary>
public sealed class RoutingReloadEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    public RoutingReloadEventArgs(bool applied, long version, IReadOnlyList<RoutingDiagnostic> diagnostics)
    {
        Applied = applied;
        Version = version;
        Diagnostics = diagnostics;
    }

    /// <summary>Whether the new rules now serve.</summary>
    public bool Applied { get; }

    /// <summary>The version serving after the attempt.</summary>
    public long Version { get; }

    /// <summary>Every problem found in the new rules.</summary>
    public IReadOnlyList<RoutingDiagnostic> Diagnostics { get; }
}
