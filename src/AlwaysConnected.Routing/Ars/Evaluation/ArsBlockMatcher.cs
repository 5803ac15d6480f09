using AlwaysConnected.Routing.Ars.Compilation;
using AlwaysConnected.Routing.Ars.Plugins;
using AlwaysConnected.Routing.Patterns;

namespace AlwaysConnected.Routing.Ars.Evaluation;

/// <summary>
/// Tests one block against the request: its To and From patterns, then its plug-in slots in order, each
/// result against the slot's Return pattern. The groups it captures stay in the selection for the deploy.
/// </summary>
internal static class ArsBlockMatcher
{
    internal static BlockMatch Match(CompiledArs ars, CompiledBlock block, ref ArsFrame frame)
    {
        var selection = frame.Selection;
        var trace = selection.Trace;
        if (block.InboundSource is { } inbound && !InboundSourceCheck.Holds(inbound, ref frame, ars.Options.HostResolver))
        {
            return BlockMatch.NoMatch;
        }

        if (block.To is { } to)
        {
            var holds = frame.HasTo ? to.TryMatch(frame.ToUri, selection.ToCaptures) : to.IsNegated;
            trace?.Field("To", to.Source, frame.ToUri, !frame.HasTo, holds);
            if (!holds)
            {
                return BlockMatch.NoMatch;
            }
        }

        if (block.From is { } from)
        {
            var holds = frame.HasFrom ? from.TryMatch(frame.FromUri, selection.FromCaptures) : from.IsNegated;
            trace?.Field("From", from.Source, frame.FromUri, !frame.HasFrom, holds);
            if (!holds)
            {
                return BlockMatch.NoMatch;
            }
        }

        if (block.Slots.Length == 0)
        {
            return BlockMatch.Match;
        }

        selection.Scratch.Reset();
        return MatchSlots(ars, block, ref frame, 0);
    }

    /// <summary>Runs the plug-in slots from <paramref name="first"/> on, in slot order; the first that fails ends the block.</summary>
    internal static BlockMatch MatchSlots(CompiledArs ars, CompiledBlock block, ref ArsFrame frame, int first)
    {
        var selection = frame.Selection;
        var scratch = selection.Scratch;
        var slots = block.Slots;
        for (var i = first; i < slots.Length; i++)
        {
            var slot = slots[i];
            var start = scratch.Length;
            string? error = null;
            bool produced;
            ReadOnlySpan<byte> result = default;
            switch (slot.Kind)
            {
                // The built-ins' values are read where they are (the request, the bag); they are copied to the
                // scratch only when the Return pattern has groups, whose ranges must outlive the slot.
                case CompiledSlotKind.Header:
                    produced = frame.Message.TryGetHeader(slot.HeaderName!, out var header);
                    if (produced)
                    {
                        result = frame.Message.GetValue(header);
                    }

                    break;
                case CompiledSlotKind.Property:
                    produced = frame.Properties is { } properties && properties.TryGetValue(slot.PropertyName!, out result);
                    break;
                case CompiledSlotKind.Async when frame.AllowPending:
                    var param = selection.ParamScratch;
                    param.Reset();
                    ArsTemplateExpander.Expand(slot.Param, ref frame, param);
                    selection.PendingSlot = i;
                    return BlockMatch.Pending;
                default:
                    produced = Invoke(ars, block, slot, ref frame, out error);
                    result = scratch.Slice(start, scratch.Length - start);
                    break;
            }

            if (!produced)
            {
                scratch.Truncate(start);
                selection.Trace?.Field(slot.Label, slot.Return?.Source, default, isNull: true, matched: false, error);
                return BlockMatch.NoMatch;
            }

            if (slot.GroupCount > 0 && slot.Kind is CompiledSlotKind.Header or CompiledSlotKind.Property)
            {
                scratch.Append(result);
                result = scratch.Slice(start, result.Length);
            }

            if (!Accept(slot, result, start, ref frame))
            {
                return BlockMatch.NoMatch;
            }
        }

        return BlockMatch.Match;
    }

    /// <summary>Calls a plug-in through its public contract; a failure is reported and counts as a null result.</summary>
    private static bool Invoke(CompiledArs ars, CompiledBlock block, CompiledSlot slot, ref ArsFrame frame, out string? error)
    {
        error = null;
        var selection = frame.Selection;
        var scratch = selection.Scratch;
        var param = selection.ParamScratch;
        param.Reset();
        ArsTemplateExpander.Expand(slot.Param, ref frame, param);
        try
        {
            var call = new ArsPluginCall(frame.Message, param.Written, frame.Properties, frame.Source, block.RouteName, block.Direction, block.Number, slot.Slot);
            return slot.Plugin.TryInvoke(call, scratch);
        }
#pragma warning disable CA1031 // A plug-in failure must never take the router down: it is reported and counts as a mismatch.
        catch (Exception e)
#pragma warning restore CA1031
        {
            error = e.Message;
            ars.ReportPluginFailure(block, slot, e);
            return false;
        }
    }

    /// <summary>
    /// Tests a slot's result against its Return pattern and keeps its groups. When the pattern has groups the
    /// result is the scratch bytes from <paramref name="start"/>, so the groups are recorded as scratch ranges.
    /// </summary>
    internal static bool Accept(CompiledSlot slot, ReadOnlySpan<byte> result, int start, ref ArsFrame frame)
    {
        var selection = frame.Selection;
        var holds = true;
        if (slot.ExactReturn is { } exact)
        {
            // An exact literal has no groups: equality is the whole test.
            holds = result.SequenceEqual(exact);
        }
        else if (slot.Return is { } pattern)
        {
            var count = pattern.GroupCount;
            var groups = selection.ReturnCaptures[..count];
            holds = pattern.TryMatch(result, groups);
            if (holds)
            {
                var captures = selection.PluginCaptures.Slice(slot.FirstGroup, count);
                for (var g = 0; g < count; g++)
                {
                    captures[g] = groups[g].Success ? new CaptureRange(start + groups[g].Start, groups[g].Length) : CaptureRange.NotMatched;
                }
            }
        }

        selection.Trace?.Field(slot.Label, slot.Return?.Source, result, isNull: false, holds);
        return holds;
    }
}
