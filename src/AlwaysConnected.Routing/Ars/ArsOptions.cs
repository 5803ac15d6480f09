using AlwaysConnected.Routing.Ars.Evaluation;
using AlwaysConnected.Routing.Ars.Plugins;
using AlwaysConnected.Routing.Patterns;

namespace AlwaysConnected.Routing.Ars;

/// <summary>How ARS routes are compiled and the run-time services they use.</summary>
public sealed class ArsOptions
{
    /// <summary>How patterns are compiled (the backtracking match timeout).</summary>
    public PatternOptions Patterns { get; init; } = PatternOptions.Default;

    /// <summary>The plug-ins blocks may name; the built-ins <c>sipheader</c> and <c>prop</c> by default.</summary>
    public ArsPluginRegistry Plugins { get; init; } = new();

    /// <summary>
    /// Session counts and recovery times per block. Compile each new version of the routes with the same
    /// options (or the same state object) so that counts and failures carry over a reload.
    /// </summary>
    public ArsBlockStates States { get; init; } = new();

    /// <summary>
    /// Resolves a registrar's host name when a route accepts inbound calls only from its registered trunk
    /// (<see cref="ArsInboundSource.RegisteredTrunk"/>). Asked per call, so it must answer from memory (a cache
    /// filled ahead of time); null means a registrar named by a host name is recognised by the Request-URI
    /// user only. IP literals never reach it.
    /// </summary>
    public ISipHostResolver? HostResolver { get; init; }

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
