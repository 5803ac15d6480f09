using System.Diagnostics.CodeAnalysis;
using AlwaysConnected.Routing.Ars.Compilation;
using AlwaysConnected.Routing.Ars.Explain;
using AlwaysConnected.Routing.Patterns;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Ars.Evaluation;

/// <summary>
/// The candidates of one ARS evaluation and the one currently selected: the host takes a session lease on
/// it, reports a failure (a timeout or a failover status) and asks for the next candidate.
/// </summary>
/// <remarks>
/// Reusable like <see cref="RoutingDecision"/>: one per worker, its buffers grow and are then reused. Not
/// thread-safe; it belongs to one call at a time. The run-time state it updates (sessions, recovery
/// times) is shared and thread-safe.
/// </remarks>
internal sealed class ArsSelection
{
    private int[] _ranks = new int[16];
    private CaptureRange[] _toCaptures = new CaptureRange[8];
    private CaptureRange[] _fromCaptures = new CaptureRange[8];
    private CaptureRange[] _pluginCaptures = new CaptureRange[8];
    private CaptureRange[] _returnCaptures = new CaptureRange[8];
    private (int Start, int Length)[] _customValues = new (int, int)[8];
    private CompiledArs? _sizedFor;

    /// <summary>Whether a block is selected.</summary>
    [MemberNotNullWhen(true, nameof(Current), nameof(RouteName))]
    public bool HasCandidate => Current is not null;

    /// <summary>The selected block's route, or null.</summary>
    public string? RouteName => Current?.RouteName;

    /// <summary>The selected block's number, or 0.</summary>
    public int BlockNumber => Current?.Number ?? 0;

    /// <summary>The direction evaluated.</summary>
    public ArsDirection Direction { get; private set; }

    /// <summary>The selected block's priority, or 0.</summary>
    public int Priority => Current?.Priority ?? 0;

    /// <summary>The selected block's trunk (OUT), or null.</summary>
    public TrunkConnection? Trunk => Current?.Trunk;

    /// <summary>The credentials the selected route answers a trunk's challenge with, or null.</summary>
    public TrunkCredentials? Credentials => Current?.Credentials;

    internal CompiledBlock? Current { get; set; }

    internal CompiledArs? Ars { get; private set; }

    /// <summary>The ranks of the candidate blocks (the first <see cref="Count"/> entries): the table's own fixed list or this selection's buffer.</summary>
    internal int[] Candidates { get; set; } = [];

    internal int Count { get; set; }

    internal int Position { get; set; }

    /// <summary>Whether a block of the current walk matched but was full or in recovery (an all-busy reject when nothing else is selected).</summary>
    internal bool PassedOver { get; set; }

    /// <summary>
    /// Whether the selected block was full when a session was asked for (another call, or another router
    /// sharing the block, took the last one): the next walk answers all-busy when nothing else is selected.
    /// </summary>
    internal bool AcquireRefused { get; set; }

    /// <summary>The block whose async plug-in slot the evaluation is waiting for (the async front door), or null.</summary>
    internal CompiledBlock? PendingBlock { get; set; }

    /// <summary>The index in <see cref="CompiledBlock.Slots"/> of the slot waited for.</summary>
    internal int PendingSlot { get; set; }

    internal ByteArena Scratch { get; } = new(512);

    internal ByteArena ParamScratch { get; } = new(128);

    internal ArsTraceRecorder? Trace { get; private set; }

    /// <summary>
    /// Counts a session against the selected block's Max Sessions. Fails when another call took the last
    /// free session meanwhile: ask for the next candidate then.
    /// </summary>
    /// <param name="lease">The lease to dispose when the call ends.</param>
    /// <returns>False when nothing is selected or the block is full.</returns>
    public bool TryAcquire([NotNullWhen(true)] out ArsSessionLease? lease)
    {
        lease = null;
        if (Current is not { } block)
        {
            return false;
        }

        if (!block.State.TryAcquire(block.MaxSessions))
        {
            AcquireRefused = true;
            return false;
        }

        lease = new ArsSessionLease(block.State, block.RouteName, block.Direction, block.Number);
        return true;
    }

    /// <summary>
    /// Counts a session against the selected block without handing out a lease object: the caller keeps the
    /// returned state and releases it exactly once (the trunk call lifecycle's allocation-free path).
    /// </summary>
    internal bool TryAcquireCurrent([NotNullWhen(true)] out BlockState? state)
    {
        state = null;
        if (Current is not { } block)
        {
            return false;
        }

        if (!block.State.TryAcquire(block.MaxSessions))
        {
            AcquireRefused = true;
            return false;
        }

        state = block.State;
        return true;
    }

    /// <summary>
    /// Reports the selected trunk's final response. When the trunk's failover policy lists the status, the
    /// block is passed over for its recovery time and the call should go to <see cref="TryGetNext"/>.
    /// </summary>
    /// <param name="statusCode">The final response status.</param>
    /// <returns>True when the status fails over.</returns>
    public bool ReportFailure(int statusCode)
    {
        if (Current is not { } block || !block.Failover.FailsOver(statusCode))
        {
            return false;
        }

        MarkFailed(block);
        return true;
    }

    /// <summary>Reports that the selected trunk did not answer within its response timeout.</summary>
    /// <returns>True when the trunk's policy fails over on a timeout (the block is then passed over for its recovery time).</returns>
    public bool ReportTimeout()
    {
        if (Current is not { } block || !block.Failover.OnTimeout)
        {
            return false;
        }

        MarkFailed(block);
        return true;
    }

    /// <summary>
    /// Selects the next candidate (the next matching block in priority order that is neither full nor in
    /// recovery) and fills <paramref name="decision"/> for it.
    /// </summary>
    /// <param name="message">The same request the selection was made for.</param>
    /// <param name="context">Its context.</param>
    /// <param name="decision">The decision to fill (reset first).</param>
    /// <returns>True when another block was selected.</returns>
    public bool TryGetNext(SipMessage message, in RoutingContext context, RoutingDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (Ars is null)
        {
            return false;
        }

        decision.Reset();
        decision.SnapshotVersion = Ars.Version;
        Trace = null;
        return ArsEvaluator.Continue(Ars, message, context, decision, this);
    }

    internal void Begin(CompiledArs ars, ArsDirection direction, int blockCount, ArsTraceRecorder? trace)
    {
        Ars = ars;
        Direction = direction;
        Current = null;
        Count = 0;
        Position = 0;
        PendingBlock = null;
        Trace = trace;
        if (ReferenceEquals(_sizedFor, ars))
        {
            return;
        }

        // Sized once per compiled routes (both directions), not per call.
        Grow(ref _ranks, Math.Max(ars.InBlockCount, Math.Max(ars.OutBlockCount, blockCount)));
        Grow(ref _toCaptures, ars.MaxGroups);
        Grow(ref _fromCaptures, ars.MaxGroups);
        Grow(ref _pluginCaptures, ars.MaxGroups);
        Grow(ref _returnCaptures, ars.MaxGroups);
        Grow(ref _customValues, ars.MaxCustom);
        _sizedFor = ars;
    }

    internal int[] RankBuffer => _ranks;

    internal Span<CaptureRange> ToCaptures => _toCaptures;

    internal Span<CaptureRange> FromCaptures => _fromCaptures;

    internal Span<CaptureRange> PluginCaptures => _pluginCaptures;

    /// <summary>Where one Return pattern writes its groups before they are moved to <see cref="PluginCaptures"/>.</summary>
    internal Span<CaptureRange> ReturnCaptures => _returnCaptures;

    internal Span<(int Start, int Length)> CustomValues => _customValues;

    private void MarkFailed(CompiledBlock block)
    {
        var now = Ars!.Options.Time.GetUtcNow().UtcTicks;
        block.State.MarkFailed(now + block.RecoveryTime.Ticks);
    }

    private static void Grow<T>(ref T[] array, int size)
    {
        if (array.Length < size)
        {
            array = new T[Math.Max(size, array.Length * 2)];
        }
    }
}
