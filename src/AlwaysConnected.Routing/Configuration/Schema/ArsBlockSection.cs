namespace AlwaysConnected.Routing.Configuration;

/// <summary>One IN or OUT pattern block.</summary>
internal sealed class ArsBlockSection
{
    /// <summary>Lower wins. Default 100.</summary>
    public int Priority { get; set; } = 100;

    /// <summary>-1 = unlimited.</summary>
    public int MaxSessions { get; set; } = -1;

    /// <summary>Whether the block is skipped.</summary>
    public bool Disabled { get; set; }

    /// <summary>The To pattern.</summary>
    public string? To { get; set; }

    /// <summary>The From pattern.</summary>
    public string? From { get; set; }

    /// <summary>Plug-in slots in order.</summary>
    public IList<ArsPluginSection> Plugins { get; } = [];

    /// <summary>The To deploy value.</summary>
    public string? DeployTo { get; set; }

    /// <summary>The From deploy value.</summary>
    public string? DeployFrom { get; set; }

    /// <summary>Custom lines (<c>Header=value</c>, <c>&amp;property=value</c>).</summary>
    public IList<string> Custom { get; } = [];

    /// <summary>OUT only: the trunk's next hop, <c>host[:port][;transport=x]</c>.</summary>
    public string? Target { get; set; }

    /// <summary>OUT only: how long to wait for the trunk's answer, in milliseconds.</summary>
    public int? ResponseTimeoutMilliseconds { get; set; }

    /// <summary>OUT only: how long a failed trunk is passed over, in seconds.</summary>
    public int? RecoveryTimeSeconds { get; set; }

    /// <summary>OUT only: the statuses that fail over, e.g. <c>500-599,408,timeout</c>.</summary>
    public string? Failover { get; set; }
}
