using AlwaysConnected.Routing.Fuzz.Targets;

namespace AlwaysConnected.Routing.Fuzz;

/// <summary>Every fuzz target by name.</summary>
internal static class TargetCatalog
{
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("parser-datagram", SeedKind.SipMessages, ParserTargets.Datagram),
        new("parser-stream", SeedKind.SipMessages, ParserTargets.Stream),
        new("readers", SeedKind.HeaderValues, ReaderTargets.Readers),
        new("dialplan-text", SeedKind.DialPlanText, TextReaderTargets.DialPlan),
        new("ars-text", SeedKind.ArsText, TextReaderTargets.Ars),
        new("route-write", SeedKind.SipMessages, RouteAndWriteTarget.RouteAndWrite),
    ];

    public static FuzzTarget Find(string name) =>
        All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal))
        ?? throw new ArgumentException($"Unknown target '{name}'. Targets: {string.Join(", ", All.Select(t => t.Name))}.", nameof(name));
}
