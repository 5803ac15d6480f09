namespace AlwaysConnected.Routing.Configuration;

/// <summary>Remembers which configuration section the rules are bound to.</summary>
internal sealed record RoutingSection(string Path);
