namespace AlwaysConnected.Routing.Ars.State;

/// <summary>Names one pattern block across reloads and nodes: its route, direction and number.</summary>
/// <param name="RouteName">The route name.</param>
/// <param name="Direction">The block's direction.</param>
/// <param name="BlockNumber">The block's number.</param>
public readonly record struct ArsBlockKey(string RouteName, ArsDirection Direction, int BlockNumber);
