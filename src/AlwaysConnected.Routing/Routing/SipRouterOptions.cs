using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Ars.Evaluation;
using AlwaysConnected.Routing.Ars.Plugins;
using AlwaysConnected.Routing.Ars.State;
using AlwaysConnected.Routing.DialPlan;
using AlwaysConnected.Routing.DialPlan.Functions;
using AlwaysConnected.Routing.Patterns;

namespace AlwaysConnected.Routing;

/// <summary>
/// How a <see cref="SipRouter"/> compiles and runs its rules: the one settings object of the router, for the
/// dial plan and ARS alike. Immutable once built (<c>init</c> properties); a reload may bring new options.
/// </summary>
/// <example>
/// <code>
/// var router = new SipRouterBuilder()
///     .AddDialPlanText(text)
///     .WithOptions(new SipRouterOptions { BacktrackingTimeout = TimeSpan.FromMilliseconds(20), AllBusyStatus = 486 })
///     .Build();
/// </code>
/// </example>
public sealed class SipRouterOptions
{
    private readonly TimeSpan _backtrackingTimeout = TimeSpan.FromMilliseconds(50);
    private readonly int _maxPatternLength = 4096;
    private readonly int _unregisteredUserStatus = 404;
    private readonly int _allBusyStatus = 503;
    private readonly TimeProvider _timeProvider = TimeProvider.System;
    private readonly IReadOnlySet<string> _userVariables = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
    private DialPlanFunctionRegistry _functions = new();
    private ArsPluginRegistry _plugins = new();
    private ArsBlockStates? _states;

    /// <summary>
    /// Whether every request is checked with <see cref="Sip.SipMessage.TryValidate"/> before any rule runs
    /// (RFC 3261 §8.2 and §16.3). A request that fails gets <see cref="RoutingOutcome.Reject"/> from
    /// <see cref="RoutingStage.Validation"/> with the status the validator suggests (505 for a version other
    /// than 2.0, 400 for a missing or repeated header, a CSeq method mismatch or a bad Request-URI) and a
    /// reason phrase naming the problem. Default true; turn it off only when the host validates itself.
    /// </summary>
    public bool ValidateRequests { get; init; } = true;

    /// <summary>
    /// Whether the dial plan evaluates in-dialog requests (a To tag present), ACK and CANCEL too. Default
    /// <see langword="false"/>: the vendor applies the dial plan to the initial request of a session.
    /// </summary>
    public bool EvaluateInDialogRequests { get; init; }

    /// <summary>
    /// The status answered when <c>To = sip:user@</c> asks for a user's registered contact and the
    /// user is not registered. Default 404.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a final SIP status (300-699).</exception>
    public int UnregisteredUserStatus
    {
        get => _unregisteredUserStatus;
        init => _unregisteredUserStatus = ThrowIfNotFinalStatus(value, nameof(UnregisteredUserStatus));
    }

    /// <summary>
    /// Handling variables the dial plan sets on purpose although the router gives them no meaning (the
    /// host reads them). A Deploy name a small edit away from a known handling variable is reported
    /// as a likely typo (<c>DP0103</c>, <c>$taget</c> for <c>$target</c>) unless it is declared here.
    /// Names without the <c>$</c>, case-insensitive. Default empty.
    /// </summary>
    public IReadOnlySet<string> UserVariables
    {
        get => _userVariables;
        init => _userVariables = value ?? throw new ArgumentNullException(nameof(UserVariables));
    }

    /// <summary>
    /// The status an ARS decision carries when blocks matched but every one is at its Max Sessions or in its
    /// recovery time (outcome <see cref="RoutingOutcome.Reject"/>). Default 503.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a final SIP status (300-699).</exception>
    public int AllBusyStatus
    {
        get => _allBusyStatus;
        init => _allBusyStatus = ThrowIfNotFinalStatus(value, nameof(AllBusyStatus));
    }

    /// <summary>
    /// Where the session counts and failures of ARS blocks are shared with other routers (for example the
    /// Redis package's store, see docs/cluster.md); in this process only when null (the default). With
    /// dependency injection, register an <see cref="IArsBlockStateStore"/> instead.
    /// </summary>
    public IArsBlockStateStore? BlockStateStore { get; init; }

    /// <summary>
    /// Resolves a registrar's host name when a route accepts inbound calls only from its registered trunk
    /// (<see cref="ArsInboundSource.RegisteredTrunk"/>). Asked per call, so it must answer from memory (a cache
    /// filled ahead of time); null means a registrar named by a host name is recognised by the Request-URI
    /// user only. IP literals never reach it. With dependency injection, register an <see cref="ISipHostResolver"/>.
    /// </summary>
    public ISipHostResolver? HostResolver { get; init; }

    /// <summary>
    /// The clock of ARS recovery times and of trunk calls' response deadlines. Default
    /// <see cref="TimeProvider.System"/>; tests pass a fake one. (The rules' own time functions read
    /// <see cref="Services.RoutingServices.Time"/>.)
    /// </summary>
    public TimeProvider TimeProvider
    {
        get => _timeProvider;
        init => _timeProvider = value ?? throw new ArgumentNullException(nameof(TimeProvider));
    }

    /// <summary>
    /// Whether patterns that need the backtracking regex engine (back-references, look-arounds, atomic groups)
    /// are accepted, in the dial plan and in ARS. When <see langword="false"/> such patterns fail to compile
    /// with an error diagnostic. Default <see langword="true"/>.
    /// </summary>
    public bool AllowBacktracking { get; init; } = true;

    /// <summary>
    /// The longest a single match attempt may run on the backtracking regex engine, in the dial plan and in
    /// ARS. A timed-out attempt counts as "no match". Default 50 ms.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero or negative.</exception>
    public TimeSpan BacktrackingTimeout
    {
        get => _backtrackingTimeout;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, nameof(BacktrackingTimeout));
            _backtrackingTimeout = value;
        }
    }

    /// <summary>Longest accepted pattern source, in chars; a longer pattern is an error diagnostic. Default 4096.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero or negative.</exception>
    public int MaxPatternLength
    {
        get => _maxPatternLength;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, nameof(MaxPatternLength));
            _maxPatternLength = value;
        }
    }

    // The functions rules may call: the built-ins, then what the host registered
    // (SipRouterBuilder.AddFunction, SipRoutingBuilder.AddFunction).
    internal DialPlanFunctionRegistry Functions { get => _functions; init => _functions = value; }

    // The plug-ins ARS blocks may name: the built-ins sipheader and prop, then what the host registered
    // (SipRouterBuilder.AddPlugin, SipRoutingBuilder.AddPlugin).
    internal ArsPluginRegistry Plugins { get => _plugins; init => _plugins = value; }

    // Session counts and recovery times per ARS block, over BlockStateStore. Each new version of the routes is
    // compiled with the same options (or the same state object) so that counts and failures carry over a reload.
    internal ArsBlockStates States { get => _states ?? CreateStates(); init => _states = value; }

    /// <summary>The pattern settings both engines compile with.</summary>
    internal PatternOptions CreatePatternOptions() => new()
    {
        AllowBacktracking = AllowBacktracking,
        BacktrackingTimeout = BacktrackingTimeout,
        MaxPatternLength = MaxPatternLength,
    };

    /// <summary>What the dial plan compiler reads, built from these options (the one place it is).</summary>
    internal DialPlanOptions CreateDialPlanOptions() => new()
    {
        EvaluateInDialogRequests = EvaluateInDialogRequests,
        Patterns = CreatePatternOptions(),
        Functions = Functions,
        UnregisteredUserStatus = UnregisteredUserStatus,
        UserVariables = UserVariables,
    };

    /// <summary>What the ARS compiler reads, built from these options (the one place it is).</summary>
    /// <param name="pluginFailures">Told (on the routing thread) of each plug-in that throws or times out; the router logs and counts them.</param>
    internal ArsOptions CreateArsOptions(Action<ArsPluginFailure>? pluginFailures = null) => new()
    {
        Patterns = CreatePatternOptions(),
        Plugins = Plugins,
        States = States,
        HostResolver = HostResolver,
        Time = TimeProvider,
        AllBusyStatus = AllBusyStatus,
        PluginFailureObserver = pluginFailures,
    };

    /// <summary>A copy of these options with another function registry (every other setting kept, including ones added later).</summary>
    internal SipRouterOptions WithFunctions(DialPlanFunctionRegistry functions)
    {
        var copy = Copy();
        copy._functions = functions;
        return copy;
    }

    /// <summary>A copy of these options with another plug-in registry (the same block states, so counts carry over).</summary>
    internal SipRouterOptions WithPlugins(ArsPluginRegistry plugins)
    {
        var copy = Copy();
        copy._plugins = plugins;
        return copy;
    }

    private SipRouterOptions Copy()
    {
        _ = States; // created before the copy, so that both share the counts
        return (SipRouterOptions)MemberwiseClone();
    }

    private ArsBlockStates CreateStates()
    {
        var created = new ArsBlockStates(BlockStateStore);
        return Interlocked.CompareExchange(ref _states, created, null) ?? created;
    }

    private static int ThrowIfNotFinalStatus(int status, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 300, name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 699, name);
        return status;
    }
}
