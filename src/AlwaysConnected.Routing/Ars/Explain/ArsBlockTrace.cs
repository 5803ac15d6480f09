namespace AlwaysConnected.Routing.Ars.Explain;

/// <summary>How one pattern block fared during an explained evaluation.</summary>
/// <param name="RouteName">The route.</param>
/// <param name="BlockNumber">The block's number.</param>
/// <param name="Priority">The block's priority.</param>
/// <param name="Matched">Whether every matching field held.</param>
/// <param name="PassedOver">Why a matching block was not selected (at Max Sessions, in recovery), or null.</param>
/// <param name="Fields">The fields tested, in order; evaluation stops at the first that fails.</param>
/// <param name="Captures">The references a matched block offers, e.g. <c>&amp;t1=09012345678</c>.</param>
public sealed record ArsBlockTrace(
    string RouteName,
    int BlockNumber,
    int Priority,
    bool Matched,
    string? PassedOver,
    IReadOnlyList<ArsFieldTrace> Fields,
    IReadOnlyList<string> Captures);
