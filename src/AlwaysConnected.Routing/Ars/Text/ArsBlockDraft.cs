namespace AlwaysConnected.Routing.Ars.Text;

/// <summary>The fields of one pattern block collected so far, with where each was written.</summary>
internal sealed class ArsBlockDraft(ArsDirection direction, int number, ArsTextToken header)
{
    public ArsDirection Direction { get; } = direction;

    public int Number { get; } = number;

    public ArsTextToken Header { get; } = header;

    public ArsBlockPart Part { get; set; }

    public int? Priority { get; set; }

    public int? MaxSessions { get; set; }

    public bool Disabled { get; set; }

    public string? MatchTo { get; set; }

    public string? MatchFrom { get; set; }

    public string? DeployTo { get; set; }

    public string? DeployFrom { get; set; }

    public List<string> Custom { get; } = [];

    public SortedDictionary<int, ArsSlotDraft> Slots { get; } = [];

    public string? Target { get; set; }

    public TimeSpan? ResponseTimeout { get; set; }

    public TimeSpan? RecoveryTime { get; set; }

    public FailoverPolicy? Failover { get; set; }

    /// <summary>The first trunk setting other than Target, to point at when Target is missing.</summary>
    public ArsTextToken? FirstTrunkSetting { get; set; }

    /// <summary>Fields already given, as "part/label", to report repeats.</summary>
    public HashSet<string> Seen { get; } = new(StringComparer.OrdinalIgnoreCase);
}
