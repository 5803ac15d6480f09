using System.Diagnostics;
using System.Diagnostics.Metrics;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Ars.Evaluation;
using AlwaysConnected.Routing.Diagnostics;
using AlwaysConnected.Routing.Services;
using AlwaysConnected.Routing.Sip;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AlwaysConnected.Routing;

/// <summary>
/// The routing engine a SIP server embeds: it decides, for each parsed request, what to do with it
/// and how the outgoing request looks. Thread-safe; rules can be replaced while it serves.
/// </summary>
/// <remarks>
/// <para>
/// The router holds one compiled, immutable snapshot of the rules. <see cref="TryReload"/> compiles a
/// new one off the hot path and publishes it with a single reference write; a rule set with errors
/// is refused and the previous snapshot keeps serving. Every decision carries the version of the
/// snapshot that made it.
/// </para>
/// <para>Build one with <see cref="SipRouterBuilder"/>, or from configuration with <c>services.AddSipRouting()</c>.</para>
/// </remarks>
public sealed class SipRouter
{
    private SipRouterOptions _options;
    private readonly Lock _reloadGate = new();
    private readonly ILogger _logger;
    private readonly RoutingMetrics _metrics;
    private RoutingSnapshot _snapshot;

    /// <summary>Creates a router over a rule model.</summary>
    /// <param name="model">The rules.</param>
    /// <param name="options">Compilation and evaluation options; defaults when null.</param>
    /// <param name="services">The host services rules consult; in-memory defaults when null.</param>
    /// <param name="logger">Where to log loads, reloads and (at debug level) decisions; none when null.</param>
    /// <param name="meterFactory">
    /// Where the meter <c>AlwaysConnected.Routing</c> comes from (its instruments are listed in docs/hosting.md);
    /// a meter of the router's own when null.
    /// </param>
    /// <exception cref="RoutingConfigurationException">The rules have errors; the exception lists them all.</exception>
    public SipRouter(RoutingModel model, SipRouterOptions? options = null, RoutingServices? services = null, ILogger<SipRouter>? logger = null, IMeterFactory? meterFactory = null)
        : this(model, options, services, logger, new RoutingMetrics(meterFactory))
    {
    }

    // The configuration monitor shares one RoutingMetrics across the routers of successive configurations.
    internal SipRouter(RoutingModel model, SipRouterOptions? options, RoutingServices? services, ILogger<SipRouter>? logger, RoutingMetrics? metrics)
    {
        ArgumentNullException.ThrowIfNull(model);
        _options = options ?? new SipRouterOptions();
        services ??= new RoutingServices();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _metrics = metrics ?? new RoutingMetrics();
        if (!RoutingCompiler.TryCompile(model, _options, version: 1, out var snapshot, out var diagnostics, ReportPluginFailure))
        {
            throw new RoutingConfigurationException(diagnostics);
        }

        snapshot!.Services = services;
        _snapshot = snapshot;
        RoutingLog.Loaded(_logger, _snapshot.Version, CountWarnings(diagnostics));
        LogWarnings(_snapshot.Version, diagnostics);
    }

    /// <summary>The options the rules now serving were compiled with.</summary>
    internal SipRouterOptions Options => Volatile.Read(ref _options);

    /// <summary>The host services the rules consult.</summary>
    public RoutingServices Services => Volatile.Read(ref _snapshot).Services;

    /// <summary>The version of the snapshot now serving (1 for the first, +1 per successful reload).</summary>
    public long Version => Volatile.Read(ref _snapshot).Version;

    /// <summary>The rule model now serving.</summary>
    public RoutingModel Model => Volatile.Read(ref _snapshot).Model;

    /// <summary>Warnings and notes of the snapshot now serving (which engine each pattern got, unused references, ...).</summary>
    public IReadOnlyList<RoutingDiagnostic> Diagnostics => Volatile.Read(ref _snapshot).Diagnostics;

    /// <summary>
    /// The sessions in progress through an ARS block (the leases that count against its Max Sessions). Counts
    /// carry over a reload; an unknown block reads 0.
    /// </summary>
    /// <param name="routeName">The route name.</param>
    /// <param name="direction">The block's direction.</param>
    /// <param name="blockNumber">The block's number.</param>
    /// <returns>The count, never negative.</returns>
    public int GetActiveSessions(string routeName, Ars.ArsDirection direction, int blockNumber)
    {
        ArgumentNullException.ThrowIfNull(routeName);
        return _options.States.GetActiveSessions(routeName, direction, blockNumber);
    }

    /// <summary>Whether an ARS block failed (a failover status or a timeout) and its recovery time has not yet passed.</summary>
    /// <param name="routeName">The route name.</param>
    /// <param name="direction">The block's direction.</param>
    /// <param name="blockNumber">The block's number.</param>
    /// <returns>True while the block is passed over.</returns>
    public bool IsInRecovery(string routeName, Ars.ArsDirection direction, int blockNumber)
    {
        ArgumentNullException.ThrowIfNull(routeName);
        return _options.States.IsInRecovery(routeName, direction, blockNumber, _options.TimeProvider.GetUtcNow());
    }

    /// <summary>Raised after a reload attempt, on the thread that reloaded.</summary>
    public event EventHandler<RoutingReloadEventArgs>? Reloaded;

    /// <summary>
    /// Runs the dial plan (the SIP server's stage) for one request and fills <paramref name="decision"/>.
    /// Allocates nothing once the decision's buffers have grown; never throws for a parsed request.
    /// </summary>
    /// <param name="message">The parsed request.</param>
    /// <param name="context">Where it came from.</param>
    /// <param name="decision">The decision to fill; reset first.</param>
    public void Route(SipMessage message, in RoutingContext context, RoutingDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var snapshot = Volatile.Read(ref _snapshot);
        var start = _metrics.TimingEnabled ? Stopwatch.GetTimestamp() : 0;
        if (!Refuses(message, snapshot, decision))
        {
            snapshot.DialPlan.Evaluate(message, context, snapshot.Services, decision);
        }

        Observe(decision, start);
    }

    /// <summary>
    /// Runs the ARS IN routes (the PBX core's stage for a call arriving from outside): To/From
    /// rewrites, Custom headers, and per-call properties written to <see cref="RoutingContext.Properties"/>.
    /// </summary>
    /// <param name="message">The parsed request.</param>
    /// <param name="context">Where it came from, with the call's property bag.</param>
    /// <param name="decision">The decision to fill; reset first.</param>
    /// <returns><see langword="true"/> when a block was selected.</returns>
    public bool RouteIn(SipMessage message, in RoutingContext context, RoutingDecision decision) =>
        RouteIn(message, context, decision, selection: null);

    // The trunk call keeps the selection to fail over and to take a session lease.
    internal bool RouteIn(SipMessage message, in RoutingContext context, RoutingDecision decision, ArsSelection? selection)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var snapshot = Volatile.Read(ref _snapshot);
        var start = _metrics.TimingEnabled ? Stopwatch.GetTimestamp() : 0;
        var selected = !Refuses(message, snapshot, decision)
            && (selection is null ? snapshot.Ars.RouteIn(message, context, decision) : snapshot.Ars.RouteIn(message, context, decision, selection));
        Observe(decision, start);
        return selected;
    }

    /// <summary>
    /// Runs the ARS OUT routes (the PBX core's stage for a call leaving towards a trunk): selects the
    /// trunk by priority, session limits and recovery, and rewrites the request for it. To fail over, take
    /// a session and answer the trunk's challenge, run the call through <see cref="Ars.Calls.TrunkCall"/>.
    /// </summary>
    /// <param name="message">The parsed request.</param>
    /// <param name="context">Where it came from, with the property bag ARS IN filled.</param>
    /// <param name="decision">The decision to fill; reset first.</param>
    /// <returns><see langword="true"/> when a trunk was selected.</returns>
    public bool RouteOut(SipMessage message, in RoutingContext context, RoutingDecision decision) =>
        RouteOut(message, context, decision, selection: null);

    // The trunk call keeps the selection to fail over and to take a session lease.
    internal bool RouteOut(SipMessage message, in RoutingContext context, RoutingDecision decision, ArsSelection? selection)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var snapshot = Volatile.Read(ref _snapshot);
        var start = _metrics.TimingEnabled ? Stopwatch.GetTimestamp() : 0;
        var selected = !Refuses(message, snapshot, decision)
            && (selection is null ? snapshot.Ars.RouteOut(message, context, decision) : snapshot.Ars.RouteOut(message, context, decision, selection));
        Observe(decision, start);
        return selected;
    }

    /// <summary>
    /// Like <see cref="RouteIn(SipMessage, in RoutingContext, RoutingDecision)"/>, awaiting async plug-ins instead of blocking the thread. The request is
    /// passed as its bytes (exactly <see cref="SipMessage.Span"/>) and the index it was parsed into, which
    /// must not change until the task completes.
    /// </summary>
    /// <param name="message">The request bytes.</param>
    /// <param name="index">The index the request was parsed into.</param>
    /// <param name="context">Where it came from, with the call's property bag.</param>
    /// <param name="decision">The decision to fill; reset first.</param>
    /// <param name="cancellationToken">Cancels the wait for a plug-in.</param>
    /// <returns><see langword="true"/> when a block was selected.</returns>
    public ValueTask<bool> RouteInAsync(ReadOnlyMemory<byte> message, SipMessageIndex index, RoutingContext context, RoutingDecision decision, CancellationToken cancellationToken = default) =>
        RouteInAsync(message, index, context, decision, selection: null, cancellationToken);

    internal ValueTask<bool> RouteInAsync(ReadOnlyMemory<byte> message, SipMessageIndex index, RoutingContext context, RoutingDecision decision, ArsSelection? selection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var start = _metrics.TimingEnabled ? Stopwatch.GetTimestamp() : 0;
        var snapshot = Volatile.Read(ref _snapshot);
        if (Refuses(message, index, snapshot, decision, cancellationToken))
        {
            Observe(decision, start);
            return ValueTask.FromResult(false);
        }

        return Observed(snapshot.Ars.RouteInAsync(message, index, context, decision, selection, cancellationToken), decision, start);
    }

    /// <summary>Like <see cref="RouteOut(SipMessage, in RoutingContext, RoutingDecision)"/>, awaiting async plug-ins instead of blocking the thread; see <see cref="RouteInAsync(ReadOnlyMemory{byte}, SipMessageIndex, RoutingContext, RoutingDecision, CancellationToken)"/>.</summary>
    /// <param name="message">The request bytes.</param>
    /// <param name="index">The index the request was parsed into.</param>
    /// <param name="context">Where it came from, with the property bag ARS IN filled.</param>
    /// <param name="decision">The decision to fill; reset first.</param>
    /// <param name="cancellationToken">Cancels the wait for a plug-in.</param>
    /// <returns><see langword="true"/> when a trunk was selected.</returns>
    public ValueTask<bool> RouteOutAsync(ReadOnlyMemory<byte> message, SipMessageIndex index, RoutingContext context, RoutingDecision decision, CancellationToken cancellationToken = default) =>
        RouteOutAsync(message, index, context, decision, selection: null, cancellationToken);

    internal ValueTask<bool> RouteOutAsync(ReadOnlyMemory<byte> message, SipMessageIndex index, RoutingContext context, RoutingDecision decision, ArsSelection? selection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var start = _metrics.TimingEnabled ? Stopwatch.GetTimestamp() : 0;
        var snapshot = Volatile.Read(ref _snapshot);
        if (Refuses(message, index, snapshot, decision, cancellationToken))
        {
            Observe(decision, start);
            return ValueTask.FromResult(false);
        }

        return Observed(snapshot.Ars.RouteOutAsync(message, index, context, decision, selection, cancellationToken), decision, start);
    }

    /// <summary>Explains ARS IN for a request (allocates; for tools and tests).</summary>
    /// <remarks>A request that fails validation gives an empty trace and the refusal in <paramref name="decision"/> (see <see cref="SipRouterOptions.ValidateRequests"/>).</remarks>
    public RoutingTrace ExplainIn(SipMessage message, in RoutingContext context, RoutingDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var snapshot = Volatile.Read(ref _snapshot);
        return Refuses(message, snapshot, decision) ? new RoutingTrace { Stage = RoutingStage.ArsIn, Skipped = RefusedText(decision) } : snapshot.Ars.ExplainIn(message, context, decision);
    }

    /// <summary>Explains ARS OUT for a request (allocates; for tools and tests).</summary>
    /// <remarks>A request that fails validation gives an empty trace and the refusal in <paramref name="decision"/> (see <see cref="SipRouterOptions.ValidateRequests"/>).</remarks>
    public RoutingTrace ExplainOut(SipMessage message, in RoutingContext context, RoutingDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var snapshot = Volatile.Read(ref _snapshot);
        return Refuses(message, snapshot, decision) ? new RoutingTrace { Stage = RoutingStage.ArsOut, Skipped = RefusedText(decision) } : snapshot.Ars.ExplainOut(message, context, decision);
    }

    /// <summary>Like <see cref="Route"/>, and records every rule and line tried (allocates; for tools and tests).</summary>
    /// <remarks>A request that fails validation gives a trace with no rule tried and the refusal in <paramref name="decision"/>.</remarks>
    public RoutingTrace Explain(SipMessage message, in RoutingContext context, RoutingDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var snapshot = Volatile.Read(ref _snapshot);
        return Refuses(message, snapshot, decision) ? new RoutingTrace { Stage = RoutingStage.DialPlan, Skipped = RefusedText(decision) } : snapshot.DialPlan.Explain(message, context, snapshot.Services, decision);
    }

    /// <summary>
    /// Compiles a new rule model and, when it is valid, makes it the one serving. Requests being
    /// decided finish on the snapshot they started with.
    /// </summary>
    /// <param name="model">The new rules.</param>
    /// <param name="diagnostics">Every problem found (errors make the reload fail).</param>
    /// <returns><see langword="true"/> when the new rules now serve; <see langword="false"/> when they had errors and the previous rules keep serving.</returns>
    public bool TryReload(RoutingModel model, out IReadOnlyList<RoutingDiagnostic> diagnostics) =>
        TryReloadWith(model, options: null, localAddresses: null, out diagnostics);

    /// <summary>
    /// Like <see cref="TryReload(RoutingModel, out IReadOnlyList{RoutingDiagnostic})"/>, with new
    /// options and local addresses too (a configuration reload: pattern timeout, in-dialog evaluation
    /// and the server's addresses follow the configuration). Null keeps the current ones.
    /// </summary>
    internal bool TryReloadWith(RoutingModel model, SipRouterOptions? options, IReadOnlyList<System.Net.IPAddress>? localAddresses, out IReadOnlyList<RoutingDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(model);
        bool applied;
        long version;
        lock (_reloadGate)
        {
            version = _snapshot.Version + 1;
            var newOptions = options ?? _options;
            applied = RoutingCompiler.TryCompile(model, newOptions, version, out var snapshot, out diagnostics, ReportPluginFailure);
            if (applied)
            {
                snapshot!.Services = localAddresses is null ? _snapshot.Services : _snapshot.Services.WithLocalAddresses(localAddresses);
                _options = newOptions;
                Volatile.Write(ref _snapshot, snapshot);
            }
        }

        _metrics.RecordReload(applied);
        if (applied)
        {
            RoutingLog.ReloadApplied(_logger, version, CountWarnings(diagnostics));
            LogWarnings(version, diagnostics);
        }
        else
        {
            RoutingLog.ReloadRejected(_logger, Version, string.Join("; ", diagnostics.Where(d => d.Severity == RoutingDiagnosticSeverity.Error)));
        }

        Reloaded?.Invoke(this, new RoutingReloadEventArgs(applied, applied ? version : Version, diagnostics));
        return applied;
    }

    /// <summary>
    /// Validates the request before any rule (RFC 3261 §8.2, §16.3) when <see cref="SipRouterOptions.ValidateRequests"/>
    /// is on; a request that fails is refused in <paramref name="decision"/>.
    /// </summary>
    /// <param name="message">The request.</param>
    /// <param name="snapshot">The snapshot that would route it.</param>
    /// <param name="decision">Filled with the refusal when the request fails.</param>
    /// <returns>True when the request is refused and no rule may run.</returns>
    private bool Refuses(SipMessage message, RoutingSnapshot snapshot, RoutingDecision decision)
    {
        if (!_options.ValidateRequests || SipMessageValidator.TryValidate(message, out var error))
        {
            return false;
        }

        decision.SetValidationFailure(error, snapshot.Version);
        return true;
    }

    /// <summary>The async entry points' form of <see cref="Refuses(SipMessage, RoutingSnapshot, RoutingDecision)"/>.</summary>
    private bool Refuses(ReadOnlyMemory<byte> message, SipMessageIndex index, RoutingSnapshot snapshot, RoutingDecision decision, CancellationToken cancellationToken)
    {
        // A cancelled call is the routing task's to report; validation must not answer it first.
        if (!_options.ValidateRequests || cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        ArgumentNullException.ThrowIfNull(index);
        return Refuses(new SipMessage(message.Span, index), snapshot, decision);
    }

    /// <summary>
    /// A plug-in threw or timed out (the slot counted as a mismatch, and explain shows the error): the host learns
    /// of it from the log and the <c>sip.routing.plugin.failures</c> counter.
    /// </summary>
    private void ReportPluginFailure(ArsPluginFailure failure)
    {
        _metrics.RecordPluginFailure(failure.PluginName, failure.Kind);
        RoutingLog.PluginFailed(
            _logger,
            failure.PluginName,
            failure.Kind == ArsPluginFailureKind.TimedOut ? "timed out" : "threw",
            failure.RouteName,
            failure.Direction == Ars.ArsDirection.In ? "IN" : "OUT",
            failure.BlockNumber,
            failure.Slot,
            failure.Exception);
    }

    private static string RefusedText(RoutingDecision decision) =>
        $"refused by validation: {decision.StatusCode} {decision.ReasonPhrase} ({decision.ValidationError.GetDescription()})";

    private void Observe(RoutingDecision decision, long start)
    {
        _metrics.RecordDecision(decision, start);
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            RoutingLog.Decided(_logger, decision.Stage, decision.Outcome, decision.AppliedRules.Count > 0 ? decision.AppliedRules[^1] : "(none)", decision.SnapshotVersion);
        }
    }

    /// <summary>Records an async decision when it is made: at once when it completed synchronously, else after the await.</summary>
    private ValueTask<bool> Observed(ValueTask<bool> routing, RoutingDecision decision, long start)
    {
        if (!routing.IsCompletedSuccessfully)
        {
            return ObserveAsync(routing, decision, start);
        }

        Observe(decision, start);
        return routing;
    }

    private async ValueTask<bool> ObserveAsync(ValueTask<bool> routing, RoutingDecision decision, long start)
    {
        var selected = await routing.ConfigureAwait(false);
        Observe(decision, start);
        return selected;
    }

    /// <summary>Every warning with its id and text: a count alone does not tell an operator what to fix.</summary>
    private void LogWarnings(long version, IReadOnlyList<RoutingDiagnostic> diagnostics)
    {
        if (!_logger.IsEnabled(LogLevel.Warning))
        {
            return;
        }

        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Severity == RoutingDiagnosticSeverity.Warning)
            {
                RoutingLog.RuleWarning(_logger, version, diagnostic.Id, diagnostic.Location, diagnostic.Message);
            }
        }
    }

    private static int CountWarnings(IReadOnlyList<RoutingDiagnostic> diagnostics) =>
        diagnostics.Count(d => d.Severity == RoutingDiagnosticSeverity.Warning);
}
