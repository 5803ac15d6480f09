using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Ars.Engine;

/// <summary>
/// ARS routes compiled for routing: immutable and safe to share between threads (the session counts and
/// recovery times it consults live in <see cref="ArsOptions.States"/>). Build one with <see cref="ArsCompiler"/>.
/// </summary>
public sealed class CompiledArs
{
    [ThreadStatic]
    private static ArsSelection? t_selection;

    private readonly BlockTable _in;
    private readonly BlockTable _out;
    private long _pluginFailures;

    internal CompiledArs(ArsDefinition definition, ArsOptions options, long version, BlockTable inBlocks, BlockTable outBlocks, IReadOnlyList<ArsDiagnostic> diagnostics)
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
    public IReadOnlyList<ArsDiagnostic> Diagnostics { get; }

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
        return ArsEvaluator.Route(this, ArsDirection.In, message, context, decision, selection, trace: null);
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
        return ArsEvaluator.Route(this, ArsDirection.Out, message, context, decision, selection, trace: null);
    }

    /// <summary>Evaluates the IN blocks like <see cref="RouteIn(SipMessage, in RoutingContext, RoutingDecision)"/> and records every block and field tried. For tools and tests: it allocates.</summary>
    /// <param name="message">The request.</param>
    /// <param name="context">Where it came from.</param>
    /// <param name="decision">The decision to fill.</param>
    /// <returns>The trace.</returns>
    public ArsTrace ExplainIn(SipMessage message, in RoutingContext context, RoutingDecision decision) =>
        Explain(ArsDirection.In, message, context, decision);

    /// <summary>Evaluates the OUT blocks like <see cref="RouteOut(SipMessage, in RoutingContext, RoutingDecision)"/> and records every block and field tried. For tools and tests: it allocates.</summary>
    /// <param name="message">The request.</param>
    /// <param name="context">Where it came from.</param>
    /// <param name="decision">The decision to fill.</param>
    /// <returns>The trace.</returns>
    public ArsTrace ExplainOut(SipMessage message, in RoutingContext context, RoutingDecision decision) =>
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

    private ArsTrace Explain(ArsDirection direction, SipMessage message, in RoutingContext context, RoutingDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var recorder = new ArsTraceRecorder();
        var selection = new ArsSelection();
        ArsEvaluator.Route(this, direction, message, context, decision, selection, recorder);
        return recorder.Build(direction, selection.Current?.Label);
    }
}
