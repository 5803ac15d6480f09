namespace AlwaysConnected.Routing.Ars.Text;

/// <summary>The Plugin / Param / Return fields of one slot collected so far.</summary>
internal sealed class ArsSlotDraft(ArsTextToken firstToken)
{
    public ArsTextToken FirstToken { get; } = firstToken;

    public string? Plugin { get; set; }

    public string? Param { get; set; }

    public string? Return { get; set; }
}
