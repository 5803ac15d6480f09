using AlwaysConnected.Routing.Ars.Evaluation;
using AlwaysConnected.Routing.Ars.Plugins;
using AlwaysConnected.Routing.Ars.State;
using AlwaysConnected.Routing.Patterns;

namespace AlwaysConnected.Routing.Ars;

/// <summary>How ARS routes are compiled and the run-time services they use; built from <see cref="SipRouterOptions"/> (<c>CreateArsOptions</c>).</summary>
internal sealed class ArsOptions
{
    private ArsPluginRegistry _plugins = new();
    private ArsBlockStates? _states;

    /// <summary>How patterns are compiled (the backtracking match timeout).</summary>
    public PatternOptions Patterns { get; init; } = PatternOptions.Default;

    // The plug-ins blocks may name: the built-ins sipheader and prop, then what the host registered
    // (SipRouterBuilder.AddPlugin, SipRoutingBuilder.AddPlugin).
    internal ArsPluginRegistry Plugins { get => _plugins; init => _plugins = value; }

    /// <summary>
    /// Where session counts and failures per block are shared with other routers (for example the Redis
    /// package's store, see docs/cluster.md); in this process only when null (the default).
    /// </summary>
    public IArsBlockStateStore? BlockStateStore { get; init; }

    // Session counts and recovery times per block, over BlockStateStore. Each new version of the routes is
    // compiled with the same options (or the same state object) so that counts and failures carry over a reload.
    internal ArsBlockStates States { get => _states ?? CreateStates(); init => _states = value; }

    /// <summary>
    /// Resolves a registrar's host name when a route accepts inbound calls only from its registered trunk
    /// (<see cref="ArsInboundSource.RegisteredTrunk"/>). Asked per call, so it must answer from memory (a cache
    /// filled ahead of time); null means a registrar named by a host name is recognised by the Request-URI
    /// user only. IP literals never reach it.
    /// </summary>
    public ISipHostResolver? HostResolver { get; init; }

    /// <summary>The clock for recovery times.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Called (on the routing thread) when a plug-in throws or times out: the router logs and counts it. Must not throw.</summary>
    public Action<ArsPluginFailure>? PluginFailureObserver { get; init; }

    /// <summary>
    /// The status a decision carries when blocks matched but every one is at its Max Sessions or in its
    /// recovery time (outcome <see cref="RoutingOutcome.Reject"/>). Default 503.
    /// </summary>
    public int AllBusyStatus { get; init; } = 503;

    /// <summary>A copy of these options with another plug-in registry (the same block states, so counts carry over).</summary>
    internal ArsOptions WithPlugins(ArsPluginRegistry plugins)
    {
        _ = States; // created before the copy, so that both share the counts
        var copy = (ArsOptions)MemberwiseClone();
        copy._plugins = plugins;
        return copy;
    }

    private ArsBlockStates CreateStates()
    {
        var created = new ArsBlockStates(BlockStateStore);
        return Interlocked.CompareExchange(ref _states, created, null) ?? created;
    }
}
