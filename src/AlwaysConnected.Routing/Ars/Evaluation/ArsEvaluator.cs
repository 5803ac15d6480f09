using System.Text;
using AlwaysConnected.Routing.Ars.Compilation;
using AlwaysConnected.Routing.Ars.Explain;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Ars.Evaluation;

/// <summary>
/// Evaluates the blocks of one direction in selection order and deploys the first that matches and is
/// available (semantics §5). This file is the walk over the candidates (start, failover, resume after an
/// async plug-in, availability); a block's test is <see cref="ArsBlockMatcher"/>, its deploy
/// <see cref="ArsDeployer"/>, what explain records of it <see cref="ArsCaptureDescriber"/>.
/// </summary>
internal static class ArsEvaluator
{
    /// <summary>
    /// Starts an evaluation: resets the decision, collects the candidates and walks them. With
    /// <c>allowPending</c> (the async front door) an async plug-in slot suspends the walk
    /// (<see cref="ArsStep.Pending"/>) instead of blocking the thread; <see cref="Resume"/> continues it.
    /// </summary>
    public static ArsStep Route(CompiledArs ars, ArsDirection direction, SipMessage message, in RoutingContext context, RoutingDecision decision, ArsSelection selection, ArsTraceRecorder? trace, bool allowPending = false)
    {
        var table = ars.Table(direction);
        selection.Begin(ars, direction, table.Blocks.Length, trace);
        decision.Reset();
        decision.SnapshotVersion = ars.Version;
        if (!message.IsRequest)
        {
            if (trace is not null)
            {
                trace.Skipped = "Responses are never routed.";
            }

            return ArsStep.NotSelected;
        }

        var frame = new ArsFrame(message, context, selection, allowPending);
        selection.Candidates = table.CollectCandidates(ref frame, selection.RankBuffer, out var count);
        selection.Count = count;
        selection.PassedOver = false;
        selection.AcquireRefused = false;
        return Walk(ars, ref frame, decision);
    }

    /// <summary>Continues the walk after the selected block (failover).</summary>
    public static bool Continue(CompiledArs ars, SipMessage message, in RoutingContext context, RoutingDecision decision, ArsSelection selection)
    {
        var frame = new ArsFrame(message, context, selection);
        selection.PassedOver = selection.AcquireRefused;
        selection.AcquireRefused = false;
        return Walk(ars, ref frame, decision) == ArsStep.Selected;
    }

    /// <summary>
    /// Continues an evaluation suspended at an async plug-in slot, with the slot's result: null for a null
    /// result, with the failure (already reported) that made it one. May suspend again at a later slot.
    /// <c>message</c> is a new view of the same bytes and index the evaluation started with.
    /// </summary>
    public static ArsStep Resume(CompiledArs ars, SipMessage message, in RoutingContext context, RoutingDecision decision, ArsSelection selection, string? result, string? error)
    {
        var block = selection.PendingBlock ?? throw new InvalidOperationException("No evaluation is waiting for a plug-in.");
        var slotIndex = selection.PendingSlot;
        selection.PendingBlock = null;
        var frame = new ArsFrame(message, context, selection, allowPending: true);
        var slot = block.Slots[slotIndex];
        var scratch = selection.Scratch;
        var start = scratch.Length;
        var outcome = BlockMatch.NoMatch;
        if (result is null)
        {
            selection.Trace?.Field(slot.Label, slot.Return?.Source, default, isNull: true, matched: false, error);
        }
        else
        {
            Encoding.UTF8.GetBytes(result, scratch);
            if (ArsBlockMatcher.Accept(slot, scratch.Slice(start, scratch.Length - start), start, ref frame))
            {
                outcome = ArsBlockMatcher.MatchSlots(ars, block, ref frame, slotIndex + 1);
            }
        }

        if (outcome == BlockMatch.Pending)
        {
            // A later slot of the same block waits too (MatchSlots recorded which).
            selection.PendingBlock = block;
            return ArsStep.Pending;
        }

        selection.Current = null;
        var now = long.MinValue;
        if (Conclude(ars, block, outcome == BlockMatch.Match, ref now, ref frame, decision))
        {
            return ArsStep.Selected;
        }

        return Walk(ars, ref frame, decision);
    }

    private static ArsStep Walk(CompiledArs ars, ref ArsFrame frame, RoutingDecision decision)
    {
        var selection = frame.Selection;
        var blocks = ars.Table(selection.Direction).Blocks;
        var candidates = selection.Candidates;
        var now = long.MinValue;
        selection.Current = null;
        while (selection.Position < selection.Count)
        {
            var block = blocks[candidates[selection.Position++]];
            selection.Trace?.BeginBlock();
            var outcome = ArsBlockMatcher.Match(ars, block, ref frame);
            if (outcome == BlockMatch.Pending)
            {
                selection.PendingBlock = block;
                return ArsStep.Pending;
            }

            if (Conclude(ars, block, outcome == BlockMatch.Match, ref now, ref frame, decision))
            {
                return ArsStep.Selected;
            }
        }

        if (selection.PassedOver)
        {
            decision.Stage = StageOf(selection.Direction);
            decision.Outcome = RoutingOutcome.Reject;
            decision.StatusCode = ars.Options.AllBusyStatus;
        }

        return ArsStep.NotSelected;
    }

    /// <summary>Records a tested block; selects and deploys it when it matched and is available.</summary>
    private static bool Conclude(CompiledArs ars, CompiledBlock block, bool matched, ref long now, ref ArsFrame frame, RoutingDecision decision)
    {
        var selection = frame.Selection;
        var trace = selection.Trace;
        if (!matched)
        {
            trace?.EndBlock(block, matched: false, null, []);
            return false;
        }

        if (!IsAvailable(ars, block, ref now, out var reason))
        {
            selection.PassedOver = true;
            trace?.EndBlock(block, matched: true, reason, ArsCaptureDescriber.Describe(block, ref frame));
            return false;
        }

        trace?.EndBlock(block, matched: true, null, ArsCaptureDescriber.Describe(block, ref frame));
        selection.Current = block;
        ArsDeployer.Deploy(block, ref frame, decision);
        return true;
    }

    internal static RoutingStage StageOf(ArsDirection direction) => direction == ArsDirection.In ? RoutingStage.ArsIn : RoutingStage.ArsOut;

    private static bool IsAvailable(CompiledArs ars, CompiledBlock block, ref long now, out string? reason)
    {
        reason = null;
        var state = block.State;
        if (block.MaxSessions >= 0 && state.Active >= block.MaxSessions)
        {
            reason = "at Max Sessions";
            return false;
        }

        var failedUntil = state.FailedUntilTicks;
        if (failedUntil != long.MinValue)
        {
            if (now == long.MinValue)
            {
                now = ars.Options.Time.GetUtcNow().UtcTicks;
            }

            if (now < failedUntil)
            {
                reason = "in recovery after a failure";
                return false;
            }
        }

        return true;
    }
}
