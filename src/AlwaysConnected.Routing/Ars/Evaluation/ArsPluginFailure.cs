namespace AlwaysConnected.Routing.Ars.Evaluation;

/// <summary>A plug-in failed while a block was evaluated; the slot counted as a mismatch.</summary>
/// <param name="RouteName">The route.</param>
/// <param name="Direction">The block's direction.</param>
/// <param name="BlockNumber">The block's number.</param>
/// <param name="Slot">The slot number (<c>Plugin N</c>).</param>
/// <param name="PluginName">The plug-in's name.</param>
/// <param name="Kind">Threw or timed out.</param>
/// <param name="Exception">The exception.</param>
internal sealed record ArsPluginFailure(
    string RouteName,
    ArsDirection Direction,
    int BlockNumber,
    int Slot,
    string PluginName,
    ArsPluginFailureKind Kind,
    Exception Exception);
