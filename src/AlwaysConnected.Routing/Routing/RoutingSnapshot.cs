using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.DialPlan;
using AlwaysConnected.Routing.Services;

namespace AlwaysConnected.Routing;

/// <summary>
/// One compiled, immutable version of the rules. A router swaps snapshots with one reference write,
/// so a request is always decided by exactly one version.
/// </summary>
internal sealed class RoutingSnapshot(RoutingModel model, CompiledDialPlan dialPlan, CompiledArs ars, long version, IReadOnlyList<RoutingDiagnostic> diagnostics)
{
    public RoutingModel Model { get; } = model;

    public CompiledDialPlan DialPlan { get; } = dialPlan;

    public CompiledArs Ars { get; } = ars;

    public long Version { get; } = version;

    public IReadOnlyList<RoutingDiagnostic> Diagnostics { get; } = diagnostics;

    /// <summary>The host services decisions of this version consult (their local addresses follow the configuration).</summary>
    public RoutingServices Services { get; set; } = null!;
}
