using AlwaysConnected.Routing.Ars.Evaluation;
using AlwaysConnected.Routing.Ars.Plugins;
using AlwaysConnected.Routing.Patterns;

namespace AlwaysConnected.Routing.Ars;

/// <summary>How ARS routes are compiled and the run-time services they use.</summary>
public sealed class ArsOptions
{
    /// <summary>How patterns are compiled (the backtracking match timeout).</summary>
    public PatternOptions Patterns { get; init; } = PatternOptions.Default;

    // The plug-ins blocks may name: the built-ins sipheader and prop, then what the host registered
    // (SipRouterBuilder.AddPlugin, SipRoutingBuilder.AddPlugin).
    internal ArsPluginRegistry Plugins { get; init; } = new();

    // Session counts and recovery times per block. Each new version of the routes is compiled with the same
    // options (or the same state object) so that counts and failures carry over a reload.
    internal ArsBlockStates States { get; init; } = new();

    /// <summary>The clock for recovery times.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Called (on the routing thread) when a plug-in throws or times out. Must not throw.</summary>
    public Action<ArsPluginFailure>? PluginFailureObserver { get; init; }

    /// <summary>
    /// The status a decision carries when blocks matched but every one is at its Max Sessions or in its
    /// recovery time (outcome <see cref="RoutingOutcome.Reject"/>). Default 503.
    /// </summary>
    public int AllBusyStatus { get; init; } = 503;
}
