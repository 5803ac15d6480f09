using System.Text;
using AlwaysConnected.Routing.Ars.Compilation;
using AlwaysConnected.Routing.Ars.Evaluation;
using AlwaysConnected.Routing.Ars.Explain;
using AlwaysConnected.Routing.Ars.Plugins;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Ars;

/// <summary>
/// ARS routes compiled for routing: immutable and safe to share between threads (the session counts and
/// recovery times it consults live in the options' block states). Build one with <see cref="ArsCompiler"/>.
/// </summary>
internal sealed class CompiledArs
{
    [ThreadStatic]
    private static ArsSelection? t_selection;

    private readonly BlockTable _in;
    private readonly BlockTable _out;
    private long _pluginFailures;

    internal CompiledArs(ArsDefinition definition, ArsOptions options, long version, BlockTable inBlocks, BlockTable outBlocks, IReadOnlyList<RoutingDiagnostic> diagnostics)
    {
        Definition = definition;
        Options = options;
        Version = version;
        _in = inBlocks;
        _out = outBlocks;
        Diagnostics = diagnostics;
        var all = inBlocks.Blocks.Concat(outBlocks.Blocks).ToList();
        MaxGroups = Math.Max(1, all.Count == 0 ? 1 : all.Max(b => Math.Max(Math.Max(b.To?.GroupCount ?? 0, b.From?.GroupCount ?? 0), b.PluginGroupCount)));
        MaxCustom = Math.Max(1, all.Count == 0 ? 1 : all.Max(b => b.Custom.Length));
    }

    /// <summary>The routes this was compiled from.</summary>
    public ArsDefinition Definition { get; }

    /// <summary>The snapshot version decisions carry.</summary>
    public long Version { get; }

    /// <summary>Warnings from compilation (references to groups that do not exist, undefined variables, ...).</summary>
    public IReadOnlyList<RoutingDiagnostic> Diagnostics { get; }

    /// <summary>The enabled IN blocks.</summary>
    public int InBlockCount => _in.Blocks.Length;

    /// <summary>The enabled OUT blocks.</summary>
    public int OutBlockCount => _out.Blocks.Length;

    /// <summary>How many OUT blocks the number-prefix index covers (the rest are tested for every request).</summary>
    public int IndexedOutBlockCount => _out.IndexedCount;

    /// <summary>How many plug-in calls threw or timed out.</summary>
    public long PluginFailureCount => Interlocked.Read(ref _pluginFailures);

    internal ArsOptions Options { get; }

    internal int MaxGroups { get; }

    internal int MaxCustom { get; }

    /// <summary>
    /// Evaluates the IN blocks for an arriving call and fills <paramref name="decision"/> from the selected
    /// block (To/From rewrites, Custom headers; Custom properties go to <see cref="RoutingContext.Properties"/>).
    /// Never throws for a parsed request; allocates nothing once warm.
    /// </summary>
    /// <param name="message">The request.</param>
    /// <param name="context">Where it came from, and the call's property bag.</param>
    /// <param name="decision">The decision to fill (reset first).</param>
    /// <returns>True when a block was selected.</returns>
    public bool RouteIn(SipMessage message, in RoutingContext context, RoutingDecision decision) =>
        RouteIn(message, context, decision, t_selection ??= new ArsSelection());

    /// <summary>Like <see cref="RouteIn(SipMessage, in RoutingContext, RoutingDecision)"/>, keeping the candidates in <paramref name="selection"/>.</summary>
    /// <param name="message">The request.</param>
    /// <param name="context">Where it came from, and the call's property bag.</param>
    /// <param name="decision">The decision to fill (reset first).</param>
    /// <param name="selection">Receives the selected block (for a session lease) and the remaining candidates.</param>
    /// <returns>True when a block was selected.</returns>
    public bool RouteIn(SipMessage message, in RoutingContext context, RoutingDecision decision, ArsSelection selection)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(selection);
        return ArsEvaluator.Route(this, ArsDirection.In, message, context, decision, selection, trace: null) == ArsStep.Selected;
    }

    /// <summary>
    /// Evaluates the OUT blocks for a call leaving towards a trunk and fills <paramref name="decision"/> from
    /// the best available block: the trunk target, the rewritten Request-URI and To/From, Custom headers.
    /// Never throws for a parsed request; allocates nothing once warm.
    /// </summary>
    /// <param name="message">The request.</param>
    /// <param name="context">Where it came from, and the call's property bag (as ARS IN left it).</param>
    /// <param name="decision">The decision to fill (reset first).</param>
    /// <returns>True when a block was selected.</returns>
    public bool RouteOut(SipMessage message, in RoutingContext context, RoutingDecision decision) =>
        RouteOut(message, context, decision, t_selection ??= new ArsSelection());

    /// <summary>Like <see cref="RouteOut(SipMessage, in RoutingContext, RoutingDecision)"/>, keeping the candidates in <paramref name="selection"/> for failover.</summary>
    /// <param name="message">The request.</param>
    /// <param name="context">Where it came from, and the call's property bag.</param>
    /// <param name="decision">The decision to fill (reset first).</param>
    /// <param name="selection">Receives the selected block and the remaining candidates (<see cref="ArsSelection.TryGetNext"/>).</param>
    /// <returns>True when a block was selected.</returns>
    public bool RouteOut(SipMessage message, in RoutingContext context, RoutingDecision decision, ArsSelection selection)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(selection);
        return ArsEvaluator.Route(this, ArsDirection.Out, message, context, decision, selection, trace: null) == ArsStep.Selected;
    }

    /// <summary>
    /// Evaluates the IN blocks like <see cref="RouteIn(SipMessage, in RoutingContext, RoutingDecision, ArsSelection)"/>,
    /// awaiting <see cref="AsyncArsPlugin"/> slots instead of blocking the thread.
    /// </summary>
    /// <remarks>
    /// A <see cref="SipMessage"/> cannot live across an await, so the request is given as what it is made of:
    /// the bytes the message views (<see cref="SipMessage.Span"/>, e.g. the datagram as parsed) and the index it
    /// was parsed into. The view is re-created after each await. Neither may change until the task completes.
    /// Without an async plug-in on the way the task completes synchronously and allocates nothing.
    /// </remarks>
    /// <param name="message">The request bytes, exactly those the parsed message views.</param>
    /// <param name="index">The index the request was parsed into.</param>
    /// <param name="context">Where it came from, and the call's property bag.</param>
    /// <param name="decision">The decision to fill (reset first).</param>
    /// <param name="selection">Receives the selected block; a per-thread one when null (a walk that has to wait takes it over).</param>
    /// <param name="cancellationToken">Cancels the wait for a plug-in; the task is then cancelled and the decision is not to be used.</param>
    /// <returns>True when a block was selected.</returns>
    public ValueTask<bool> RouteInAsync(ReadOnlyMemory<byte> message, SipMessageIndex index, RoutingContext context, RoutingDecision decision, ArsSelection? selection = null, CancellationToken cancellationToken = default) =>
        RouteAsync(ArsDirection.In, message, index, context, decision, selection, cancellationToken);

    /// <summary>
    /// Evaluates the OUT blocks like <see cref="RouteOut(SipMessage, in RoutingContext, RoutingDecision, ArsSelection)"/>,
    /// awaiting <see cref="AsyncArsPlugin"/> slots instead of blocking the thread. See
    /// <see cref="RouteInAsync"/> for how the request is passed.
    /// </summary>
    /// <param name="message">The request bytes, exactly those the parsed message views.</param>
    /// <param name="index">The index the request was parsed into.</param>
    /// <param name="context">Where it came from, and the call's property bag (as ARS IN left it).</param>
    /// <param name="decision">The decision to fill (reset first).</param>
    /// <param name="selection">Receives the selected block and the remaining candidates; a per-thread one when null.</param>
    /// <param name="cancellationToken">Cancels the wait for a plug-in; the task is then cancelled and the decision is not to be used.</param>
    /// <returns>True when a block was selected.</returns>
    public ValueTask<bool> RouteOutAsync(ReadOnlyMemory<byte> message, SipMessageIndex index, RoutingContext context, RoutingDecision decision, ArsSelection? selection = null, CancellationToken cancellationToken = default) =>
        RouteAsync(ArsDirection.Out, message, index, context, decision, selection, cancellationToken);

    /// <summary>Evaluates the IN blocks like <see cref="RouteIn(SipMessage, in RoutingContext, RoutingDecision)"/> and records every block and field tried. For tools and tests: it allocates.</summary>
    /// <param name="message">The request.</param>
    /// <param name="context">Where it came from.</param>
    /// <param name="decision">The decision to fill.</param>
    /// <returns>The trace.</returns>
    public RoutingTrace ExplainIn(SipMessage message, in RoutingContext context, RoutingDecision decision) =>
        Explain(ArsDirection.In, message, context, decision);

    /// <summary>Evaluates the OUT blocks like <see cref="RouteOut(SipMessage, in RoutingContext, RoutingDecision)"/> and records every block and field tried. For tools and tests: it allocates.</summary>
    /// <param name="message">The request.</param>
    /// <param name="context">Where it came from.</param>
    /// <param name="decision">The decision to fill.</param>
    /// <returns>The trace.</returns>
    public RoutingTrace ExplainOut(SipMessage message, in RoutingContext context, RoutingDecision decision) =>
        Explain(ArsDirection.Out, message, context, decision);

    internal BlockTable Table(ArsDirection direction) => direction == ArsDirection.In ? _in : _out;

    internal void ReportPluginFailure(CompiledBlock block, CompiledSlot slot, Exception exception)
    {
        Interlocked.Increment(ref _pluginFailures);
        var observer = Options.PluginFailureObserver;
        if (observer is null)
        {
            return;
        }

        var kind = exception is TimeoutException ? ArsPluginFailureKind.TimedOut : ArsPluginFailureKind.Threw;
        try
        {
            observer(new ArsPluginFailure(block.RouteName, block.Direction, block.Number, slot.Slot, slot.Plugin.Name, kind, exception));
        }
#pragma warning disable CA1031 // An observer failure must never turn a routing decision into an exception.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private ValueTask<bool> RouteAsync(ArsDirection direction, ReadOnlyMemory<byte> message, SipMessageIndex index, RoutingContext context, RoutingDecision decision, ArsSelection? selection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(decision);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<bool>(cancellationToken);
        }

        var walk = selection ?? (t_selection ??= new ArsSelection());
        var step = ArsEvaluator.Route(this, direction, new SipMessage(message.Span, index), context, decision, walk, trace: null, allowPending: true);
        if (step != ArsStep.Pending)
        {
            return new ValueTask<bool>(step == ArsStep.Selected);
        }

        if (selection is null)
        {
            // The suspended walk keeps the thread's selection; the next call on this thread gets a new one.
            t_selection = null;
        }

        return AwaitPluginsAsync(message, index, context, decision, walk, cancellationToken);
    }

    /// <summary>Awaits each async plug-in slot the walk stops at, and resumes the walk with its result.</summary>
    private async ValueTask<bool> AwaitPluginsAsync(ReadOnlyMemory<byte> message, SipMessageIndex index, RoutingContext context, RoutingDecision decision, ArsSelection selection, CancellationToken cancellationToken)
    {
        ArsStep step;
        do
        {
            var block = selection.PendingBlock!;
            var slot = block.Slots[selection.PendingSlot];
            var plugin = (AsyncArsPlugin)slot.Plugin;
            var call = new ArsAsyncPluginCall(
                Encoding.UTF8.GetString(selection.ParamScratch.Written),
                message.ToArray(),
                context.Source,
                block.RouteName,
                block.Direction,
                block.Number,
                slot.Slot);
            var (result, failure) = await plugin.InvokeWithTimeoutAsync(call, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                ReportPluginFailure(block, slot, failure);
            }

            step = ArsEvaluator.Resume(this, new SipMessage(message.Span, index), context, decision, selection, result, failure?.Message);
        }
        while (step == ArsStep.Pending);

        return step == ArsStep.Selected;
    }

    private RoutingTrace Explain(ArsDirection direction, SipMessage message, in RoutingContext context, RoutingDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var recorder = new ArsTraceRecorder();
        var selection = new ArsSelection();
        ArsEvaluator.Route(this, direction, message, context, decision, selection, recorder);
        return recorder.Build(direction, selection.Current);
    }
}
