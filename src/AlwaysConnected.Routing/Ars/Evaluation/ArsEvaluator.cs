using System.Globalization;
using System.Text;
using AlwaysConnected.Routing.Ars.Compilation;
using AlwaysConnected.Routing.Ars.Explain;
using AlwaysConnected.Routing.Ars.Plugins;
using AlwaysConnected.Routing.DialPlan.Evaluation;
using AlwaysConnected.Routing.Patterns;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Ars.Evaluation;

/// <summary>
/// Evaluates the blocks of one direction in selection order and deploys the first that matches and is
/// available (semantics §5).
/// </summary>
internal static class ArsEvaluator
{
    private static readonly byte[] ToName = "To"u8.ToArray();
    private static readonly byte[] FromName = "From"u8.ToArray();

    private static ReadOnlySpan<byte> SipScheme => "sip:"u8;

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
            if (Accept(slot, scratch.Slice(start, scratch.Length - start), start, ref frame))
            {
                outcome = MatchSlots(ars, block, ref frame, slotIndex + 1);
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
            var outcome = Match(ars, block, ref frame);
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
            trace?.EndBlock(block, matched: true, reason, DescribeCaptures(block, ref frame));
            return false;
        }

        trace?.EndBlock(block, matched: true, null, DescribeCaptures(block, ref frame));
        selection.Current = block;
        Deploy(block, ref frame, decision);
        return true;
    }

    private static RoutingStage StageOf(ArsDirection direction) => direction == ArsDirection.In ? RoutingStage.ArsIn : RoutingStage.ArsOut;

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

    private static BlockMatch Match(CompiledArs ars, CompiledBlock block, ref ArsFrame frame)
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
    private static BlockMatch MatchSlots(CompiledArs ars, CompiledBlock block, ref ArsFrame frame, int first)
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
                    Expand(slot.Param, ref frame, param);
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
        Expand(slot.Param, ref frame, param);
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
    private static bool Accept(CompiledSlot slot, ReadOnlySpan<byte> result, int start, ref ArsFrame frame)
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

    /// <summary>Writes a template's value for this call to <paramref name="output"/>.</summary>
    private static void Expand(ValueTemplate template, ref ArsFrame frame, ByteArena output)
    {
        if (template.LiteralBytes is { } literal)
        {
            output.Append(literal);
            return;
        }

        var selection = frame.Selection;
        foreach (var part in template.Parts)
        {
            switch (part.Kind)
            {
                case TemplatePartKind.Literal:
                    output.Append(part.Literal);
                    break;
                case TemplatePartKind.ToGroup:
                    output.Append(selection.ToCaptures[part.Group - 1].Slice(frame.ToUri));
                    break;
                case TemplatePartKind.FromGroup:
                    output.Append(selection.FromCaptures[part.Group - 1].Slice(frame.FromUri));
                    break;
                case TemplatePartKind.PluginGroup:
                    var range = selection.PluginCaptures[part.Group - 1];
                    if (range.Success)
                    {
                        output.Append(selection.Scratch.Slice(range.Start, range.Length));
                    }

                    break;
                case TemplatePartKind.Property:
                    if (frame.Properties is { } properties && properties.TryGetValue(part.Property!, out var value))
                    {
                        output.Append(value);
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// Applies a selected block's deploy fields. Every value is expanded first; one that holds CR, LF or NUL
    /// fails the decision before anything is applied (no header injection, no half-applied block).
    /// </summary>
    private static void Deploy(CompiledBlock block, ref ArsFrame frame, RoutingDecision decision)
    {
        var arena = decision.Arena;
        var to = ExpandChecked(block.DeployTo, "Deploy To", block, ref frame, decision);
        var from = ExpandChecked(block.DeployFrom, "Deploy From", block, ref frame, decision);
        var customs = block.Custom;
        var custom = frame.Selection.CustomValues;
        for (var i = 0; i < customs.Length; i++)
        {
            custom[i] = ExpandChecked(customs[i].Value, customs[i].Label, block, ref frame, decision);
        }

        if (decision.Outcome == RoutingOutcome.Error)
        {
            return;
        }

        decision.Stage = StageOf(block.Direction);
        decision.Outcome = RoutingOutcome.Forward;
        decision.AddAppliedRule(block.Label);
        RecordCaptures(block, ref frame, decision);

        // An IN block that deploys no To (the seed's) leaves the To side alone: skip the call.
        if (to.Length > 0 || block.TrunkHostPort is not null || block.Target is not null)
        {
            ApplyTo(block, ref frame, decision, to);
        }

        if (from.Start >= 0 && from.Length > 0)
        {
            var fromUri = ComposeAddress(decision, frame.FromUri, frame.HasFrom, from, out var display, out _);
            WriteAddressEdit(decision, FromName, frame.FromValue, display, fromUri);
        }

        for (var i = 0; i < customs.Length; i++)
        {
            var entry = customs[i];
            var (start, length) = custom[i];
            if (entry.HeaderName is { } header)
            {
                decision.SetHeaderEdit(header, length == 0 ? HeaderEditKind.Remove : HeaderEditKind.Set, length == 0 ? -1 : start, length);
            }
            else
            {
                frame.Properties?.Set(entry.PropertyName!, arena.Slice(start, length));
                decision.SetEnvironment(entry.EnvironmentName!, start, length);
            }
        }
    }

    private static (int Start, int Length) ExpandChecked(ValueTemplate? template, string field, CompiledBlock block, ref ArsFrame frame, RoutingDecision decision)
    {
        if (template is null)
        {
            return (-1, 0);
        }

        var arena = decision.Arena;

        // A constant value was checked and trimmed at load time.
        if (template.SafeTrimmedLiteral is { } literal)
        {
            return (arena.Append(literal), literal.Length);
        }

        var start = arena.Length;
        Expand(template, ref frame, arena);
        var value = arena.Slice(start, arena.Length - start);
        var bad = value.IndexOfAny((byte)'\r', (byte)'\n', (byte)'\0');
        if (bad >= 0)
        {
            decision.SetError(
                RoutingErrorCode.InjectedLineBreak,
                string.Create(CultureInfo.InvariantCulture, $"ARS {block.Label}, {field}: the expanded value holds a {(value[bad] == (byte)'\r' ? "CR" : value[bad] == (byte)'\n' ? "LF" : "NUL")} at offset {bad}; header injection refused, nothing applied."));
            return (-1, 0);
        }

        // Trim the way the text notation does: surrounding blanks are not part of a value.
        var trimmed = value.Trim((byte)' ');
        var offset = trimmed.IsEmpty ? 0 : value.Length - value.TrimStart((byte)' ').Length;
        return (start + offset, trimmed.Length);
    }

    /// <summary>
    /// The To side: a deploy To rewrites the To URI and the Request-URI; an OUT block with a trunk moves a
    /// URI that the deploy To did not give a host of its own onto the trunk (<c>sip:user@trunk-host</c> in
    /// To, <c>sip:user@trunk-host:port</c> in the Request-URI) and targets the trunk.
    /// </summary>
    private static void ApplyTo(CompiledBlock block, ref ArsFrame frame, RoutingDecision decision, (int Start, int Length) to)
    {
        var arena = decision.Arena;
        (int Start, int Length) uri = (-1, 0);
        (int Start, int Length) display = (-1, 0);
        var fullUri = false;
        if (to.Start >= 0 && to.Length > 0)
        {
            uri = ComposeAddress(decision, frame.ToUri, frame.HasTo, to, out display, out fullUri);
        }

        if (block.TrunkHostPort is { } hostPort && !fullUri)
        {
            // One write serves both: the Request-URI is sip:USER@HOST:PORT and the To URI its prefix
            // sip:USER@HOST, because the trunk's host:port starts with its host. The user may be a slice of the
            // arena; if the arena grows meanwhile the slice still reads the old buffer, whose bytes are unchanged.
            var user = UserOf(uri.Start >= 0 ? arena.Slice(uri.Start, uri.Length) : frame.ToUri);
            var at = SipScheme.Length + (user.IsEmpty ? 0 : user.Length + 1);
            var length = at + hostPort.Length;
            var requestStart = arena.Length;
            var span = arena.GetSpan(length);
            SipScheme.CopyTo(span);
            if (!user.IsEmpty)
            {
                user.CopyTo(span[SipScheme.Length..]);
                span[at - 1] = (byte)'@';
            }

            hostPort.CopyTo(span[at..]);
            arena.Advance(length);
            decision.SetRequestUri(requestStart, length);
            uri = (requestStart, at + block.TrunkHost!.Length);
        }
        else if (uri.Start >= 0)
        {
            decision.SetRequestUri(uri.Start, uri.Length);
        }

        if (uri.Start >= 0 || display.Start >= 0)
        {
            WriteAddressEdit(decision, ToName, frame.ToValue, display, uri);
        }

        if (block.Target is { } target)
        {
            decision.SetTarget(arena.Append(target), target.Length);
        }
        else if (block.Direction == ArsDirection.Out && fullUri && MessageAccess.TryGetHostPort(arena.Slice(uri.Start, uri.Length), out var host, out var port))
        {
            var start = arena.Append(host);
            if (port > 0)
            {
                arena.Append(":"u8);
                DialPlan.Functions.BuiltIns.ResultWriter.Integer(arena, port);
            }

            decision.SetTarget(start, arena.Length - start);
        }
    }

    /// <summary>
    /// Turns a deploy To/From value into the header's new URI and display name: <c>"Name" &lt;uri&gt;</c>
    /// sets both, a full URI replaces the URI, <c>sip:user@</c> replaces the user and keeps the host, a bare
    /// value replaces the user.
    /// </summary>
    private static (int Start, int Length) ComposeAddress(RoutingDecision decision, ReadOnlySpan<byte> originalUri, bool hasOriginal, (int Start, int Length) value, out (int Start, int Length) display, out bool fullUri)
    {
        fullUri = false;
        var arena = decision.Arena;
        display = (-1, 0);
        var text = arena.Slice(value.Start, value.Length);
        var uriOffset = 0;
        var uriLength = text.Length;
        if (TryReadQuoted(text, out var nameEnd, out var innerStart, out var innerEnd))
        {
            // Typographic quotes as the vendor's pages print them become ASCII quotes.
            var displayStart = arena.AppendConcat("\""u8, text[innerStart..innerEnd], "\""u8, default);
            display = (displayStart, arena.Length - displayStart);
            text = arena.Slice(value.Start, value.Length);
            var rest = text[nameEnd..].Trim((byte)' ');
            if (rest.IsEmpty)
            {
                return (-1, 0);
            }

            uriOffset = text.Length - text[nameEnd..].TrimStart((byte)' ').Length;
            uriLength = rest.Length;
        }

        var uriText = arena.Slice(value.Start + uriOffset, uriLength);
        if (uriText.Length >= 2 && uriText[0] == (byte)'<' && uriText[^1] == (byte)'>')
        {
            uriOffset++;
            uriLength -= 2;
            uriText = uriText[1..^1];
        }

        if (uriText.IsEmpty)
        {
            return (-1, 0);
        }

        var scheme = SchemeLength(uriText);
        if (scheme > 0 && uriText[^1] != (byte)'@')
        {
            fullUri = true;
            return (value.Start + uriOffset, uriLength);
        }

        // Keep the original host part (everything after the user) and scheme for a bare user; without a host
        // part a trailing '@' goes. One write: the pieces may be arena slices, which stay readable if it grows.
        var hostPart = hasOriginal ? HostPartOf(originalUri) : default;
        var originalScheme = hasOriginal ? SchemeLength(originalUri) : 0;
        var prefix = scheme > 0 ? default : originalScheme > 0 ? originalUri[..originalScheme] : SipScheme;
        var separator = scheme == 0 && !hostPart.IsEmpty ? "@"u8 : default;
        var body = hostPart.IsEmpty && uriText[^1] == (byte)'@' ? uriText[..^1] : uriText;
        var start = arena.AppendConcat(prefix, body, separator, hostPart);
        return (start, arena.Length - start);
    }

    private static void AppendCopy(ByteArena arena, int start, int length)
    {
        var span = arena.GetSpan(length);
        arena.Slice(start, length).CopyTo(span);
        arena.Advance(length);
    }

    /// <summary>Writes the To/From edit: the URI alone (ReplaceUri), the display name alone, or both (the whole value, keeping the header parameters such as the tag).</summary>
    private static void WriteAddressEdit(RoutingDecision decision, byte[] name, ReadOnlySpan<byte> headerValue, (int Start, int Length) display, (int Start, int Length) uri)
    {
        var arena = decision.Arena;
        if (display.Start < 0)
        {
            if (uri.Start >= 0)
            {
                decision.SetHeaderEdit(name, HeaderEditKind.ReplaceUri, uri.Start, uri.Length);
            }

            return;
        }

        if (uri.Start < 0)
        {
            decision.SetHeaderEdit(name, HeaderEditKind.ReplaceDisplayName, display.Start, display.Length);
            return;
        }

        var start = arena.Length;
        AppendCopy(arena, display.Start, display.Length);
        arena.Append(" <"u8);
        AppendCopy(arena, uri.Start, uri.Length);
        arena.Append(">"u8);
        if (NameAddress.TryParse(headerValue, out var address) && !address.ParametersText.IsEmpty)
        {
            if (address.ParametersText[0] != (byte)';')
            {
                arena.Append(";"u8);
            }

            arena.Append(address.ParametersText);
        }

        decision.SetHeaderEdit(name, HeaderEditKind.Set, start, arena.Length - start);
    }

    /// <summary>A quoted display name at the start: ASCII quotes or the typographic “ ” the vendor's pages print.</summary>
    private static bool TryReadQuoted(ReadOnlySpan<byte> text, out int end, out int innerStart, out int innerEnd)
    {
        end = innerStart = innerEnd = 0;
        if (text.StartsWith("\""u8))
        {
            var close = text[1..].IndexOf((byte)'"');
            if (close < 0)
            {
                return false;
            }

            innerStart = 1;
            innerEnd = 1 + close;
            end = innerEnd + 1;
            return true;
        }

        if (text.StartsWith("\u201C"u8))
        {
            var open = "\u201C"u8.Length;
            var close = text[open..].IndexOf("\u201D"u8);
            if (close < 0)
            {
                return false;
            }

            innerStart = open;
            innerEnd = open + close;
            end = innerEnd + "\u201D"u8.Length;
            return true;
        }

        return false;
    }

    /// <summary>The length of <c>sip:</c>, <c>sips:</c> or <c>tel:</c> at the start (any case), else 0.</summary>
    private static int SchemeLength(ReadOnlySpan<byte> uri)
    {
        // Byte tests instead of finding the colon: OR-ing 0x20 folds exactly the ASCII capitals of these letters.
        if (uri.Length < 4)
        {
            return 0;
        }

        var first = uri[0] | 0x20;
        if (first == 's' && (uri[1] | 0x20) == 'i' && (uri[2] | 0x20) == 'p')
        {
            return uri[3] == ':' ? 4 : uri.Length > 4 && (uri[3] | 0x20) == 's' && uri[4] == ':' ? 5 : 0;
        }

        return first == 't' && (uri[1] | 0x20) == 'e' && (uri[2] | 0x20) == 'l' && uri[3] == ':' ? 4 : 0;
    }

    /// <summary>The user of a URI (between the scheme and <c>@</c>), empty when it has none.</summary>
    private static ReadOnlySpan<byte> UserOf(ReadOnlySpan<byte> uri)
    {
        var scheme = SchemeLength(uri);
        var rest = uri[scheme..];
        var at = rest.IndexOf((byte)'@');
        if (at >= 0)
        {
            return rest[..at];
        }

        // tel:+8190... carries the number without an @.
        var semicolon = rest.IndexOf((byte)';');
        return scheme > 0 && Ascii.EqualsIgnoreCase(uri[..(scheme - 1)], "tel"u8) ? (semicolon >= 0 ? rest[..semicolon] : rest) : default;
    }

    /// <summary>Everything after the user's <c>@</c> (host, port, parameters), or after the scheme when there is no user.</summary>
    private static ReadOnlySpan<byte> HostPartOf(ReadOnlySpan<byte> uri)
    {
        var scheme = SchemeLength(uri);
        var rest = uri[scheme..];
        var at = rest.IndexOf((byte)'@');
        return at >= 0 ? rest[(at + 1)..] : rest;
    }

    private static void RecordCaptures(CompiledBlock block, ref ArsFrame frame, RoutingDecision decision)
    {
        var toCount = block.To?.GroupCount ?? 0;
        var fromCount = block.From?.GroupCount ?? 0;
        var captures = decision.SetCaptureCount(toCount + fromCount + block.PluginGroupCount);
        if (captures.IsEmpty)
        {
            return;
        }

        var arena = decision.Arena;
        var selection = frame.Selection;
        if (toCount > 0)
        {
            var toUri = frame.ToUri;
            for (var g = 0; g < toCount; g++)
            {
                var range = selection.ToCaptures[g];
                captures[g] = (arena.Append(range.Slice(toUri)), range.Length, range.Success);
            }
        }

        if (fromCount > 0)
        {
            var fromUri = frame.FromUri;
            for (var g = 0; g < fromCount; g++)
            {
                var range = selection.FromCaptures[g];
                captures[toCount + g] = (arena.Append(range.Slice(fromUri)), range.Length, range.Success);
            }
        }

        for (var g = 0; g < block.PluginGroupCount; g++)
        {
            var range = selection.PluginCaptures[g];
            captures[toCount + fromCount + g] = range.Success
                ? (arena.Append(selection.Scratch.Slice(range.Start, range.Length)), range.Length, true)
                : (arena.Length, 0, false);
        }
    }

    private static List<string> DescribeCaptures(CompiledBlock block, ref ArsFrame frame)
    {
        var result = new List<string>();
        var selection = frame.Selection;
        for (var g = 0; g < (block.To?.GroupCount ?? 0); g++)
        {
            result.Add(Describe("t", g, selection.ToCaptures[g], frame.ToUri));
        }

        for (var g = 0; g < (block.From?.GroupCount ?? 0); g++)
        {
            result.Add(Describe("f", g, selection.FromCaptures[g], frame.FromUri));
        }

        for (var g = 0; g < block.PluginGroupCount; g++)
        {
            var range = selection.PluginCaptures[g];
            result.Add(Describe("p", g, range.Success ? new CaptureRange(0, range.Length) : range, range.Success ? selection.Scratch.Slice(range.Start, range.Length) : default));
        }

        return result;
    }

    private static string Describe(string kind, int index, CaptureRange range, ReadOnlySpan<byte> source) =>
        string.Create(CultureInfo.InvariantCulture, $"&{kind}{index + 1}=") + (range.Success ? System.Text.Encoding.UTF8.GetString(range.Slice(source)) : "(none)");
}
