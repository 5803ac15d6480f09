using System.Text;
using AlwaysConnected.Routing.DialPlan.Compilation;
using AlwaysConnected.Routing.DialPlan.Functions.BuiltIns;
using AlwaysConnected.Routing.Patterns;
using AlwaysConnected.Routing;
using AlwaysConnected.Routing.Services;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.DialPlan.Evaluation;

/// <summary>
/// Runs a compiled dial plan over one request: Preliminary rules then Rules, first match wins unless
/// the rule deploys <c>$continue = true</c>, effects accumulate (semantics §4).
/// </summary>
internal static class DialPlanEvaluator
{
    // The hot methods below keep their buffers in the decision's scratch rather than on the stack: a
    // method with both a loop and a stackalloc is compiled fully optimised at once (it cannot use
    // on-stack replacement), which skips the profile-guided tier that devirtualises the source and
    // pattern calls. Measured: the seed decision took 405 ns with stack buffers, 324 ns without.

    public static void Evaluate(CompiledDialPlan plan, SipMessage message, in RoutingContext context, RoutingServices services, RoutingDecision decision, DialPlanTraceRecorder? trace, bool useIndex = true)
    {
        decision.Reset();
        decision.SnapshotVersion = plan.Version;
        if (!message.IsRequest)
        {
            if (trace is not null)
            {
                trace.Skipped = "Responses are never evaluated.";
            }

            return;
        }

        if (!plan.Options.EvaluateInDialogRequests && IsInDialogOrAckOrCancel(message))
        {
            if (trace is not null)
            {
                trace.Skipped = "In-dialog requests, ACK and CANCEL are not evaluated (DialPlanOptions.EvaluateInDialogRequests).";
            }

            return;
        }

        decision.Scratch.BeginEvaluation();
        var frame = new EvaluationFrame(message, context, services, decision, decision.Scratch.Captures(plan.MaxGroups), trace);
        var state = new DeployState { ReplaceUrl = true };
        var matchedAny = false;

        // Explain lists every rule tried, so it walks them all; the hot path asks the index.
        var outcome = useIndex && trace is null
            ? RunIndexed(plan, ref frame, ref state, ref matchedAny)
            : RunAll(plan, ref frame, ref state, ref matchedAny);
        if (outcome != RuleOutcome.Failed && matchedAny)
        {
            Finish(plan, ref frame, ref state);
        }
    }

    private static RuleOutcome RunAll(CompiledDialPlan plan, ref EvaluationFrame frame, ref DeployState state, ref bool matchedAny)
    {
        foreach (var rule in plan.Rules)
        {
            var outcome = Run(rule, ref frame, ref state, ref matchedAny, provenLine: -1);
            if (outcome != RuleOutcome.Next)
            {
                return outcome;
            }
        }

        return RuleOutcome.Next;
    }

    /// <summary>
    /// Evaluates only the index's candidates, in rule order. When a rule deploys and evaluation continues,
    /// rules keyed on a header it edited become candidates again (their key was read before the edit).
    /// </summary>
    private static RuleOutcome RunIndexed(CompiledDialPlan plan, ref EvaluationFrame frame, ref DeployState state, ref bool matchedAny)
    {
        var index = plan.Index;
        var words = index.WordCount;
        var bits = frame.Decision.Scratch.CandidateBits(words);
        index.MarkCandidates(ref frame, bits);
        var widened = 0UL;
        var rules = plan.Rules;
        for (var w = 0; w < words; w++)
        {
            var word = bits[w];
            while (word != 0)
            {
                var bit = System.Numerics.BitOperations.TrailingZeroCount(word);
                var number = (w << 6) + bit;
                var outcome = Run(rules[number], ref frame, ref state, ref matchedAny, index.ProvenLine(number));
                if (outcome != RuleOutcome.Next)
                {
                    return outcome;
                }

                if (state.Continue)
                {
                    // A continuing deploy may have edited a header later candidates were chosen by.
                    index.Widen(ref frame, bits, ref widened);
                }

                // Rules up to this one are done; later bits of this word may have been added by Widen.
                word = bit == 63 ? 0 : bits[w] & (ulong.MaxValue << (bit + 1));
            }
        }

        return RuleOutcome.Next;
    }

    private static RuleOutcome Run(CompiledRule rule, ref EvaluationFrame frame, ref DeployState state, ref bool matchedAny, int provenLine)
    {
        var trace = frame.Trace;
        if (rule.Disabled)
        {
            trace?.BeginRule();
            trace?.EndRule(rule.Name, rule.IsPreliminary, disabled: true, matched: false, []);
            return RuleOutcome.Next;
        }

        trace?.BeginRule();
        var matched = Match(rule, ref frame, provenLine);
        trace?.EndRule(rule.Name, rule.IsPreliminary, disabled: false, matched, matched ? DescribeCaptures(rule, ref frame) : []);
        if (!matched)
        {
            return RuleOutcome.Next;
        }

        matchedAny = true;
        frame.Decision.AddAppliedRule(rule.Name);
        RecordCaptures(rule, ref frame);
        state.Continue = false;
        if (!Deploy(rule, ref frame, ref state))
        {
            return RuleOutcome.Failed;
        }

        return state.Block || state.Status != 0 || !state.Continue ? RuleOutcome.Stop : RuleOutcome.Next;
    }

    /// <summary>Tests the rule's lines in order; <paramref name="provenLine"/> (or -1) is known to hold already.</summary>
    private static bool Match(CompiledRule rule, ref EvaluationFrame frame, int provenLine)
    {
        var lineValues = frame.Decision.Scratch.LineValues(rule.Matching.Length);
        var ranges = frame.Decision.Scratch.CaptureRanges(rule.MaxLineGroupCount);
        frame.CaptureCount = 0;
        for (var i = 0; i < rule.Matching.Length; i++)
        {
            var line = rule.Matching[i];
            if (i == provenLine)
            {
                // A group-less prefix test on the request line: nothing to record.
                lineValues[i] = ValueRef.Null;
                frame.CaptureCount = line.FirstGroup;
                continue;
            }

            var value = line.Source.Evaluate(ref frame);
            lineValues[i] = value;
            bool holds;
            if (value.IsNull)
            {
                holds = line.Pattern.IsNegated;
            }
            else if (line.CapturesNeededWhileMatching && line.Pattern.GroupCount > 0)
            {
                holds = ExtractCaptures(line, value, ref frame, ranges);
            }
            else
            {
                holds = line.Pattern.IsMatch(frame.Resolve(value));
            }

            frame.Trace?.Line(line.Text, frame.Resolve(value), value.IsNull, holds);
            if (!holds)
            {
                return false;
            }

            frame.CaptureCount = line.FirstGroup + line.Pattern.GroupCount;
        }

        // Captures are extracted only for a rule that fires (the cheap IsMatch ran above), and only
        // when something reads them: a deploy value, or an explanation.
        frame.CaptureCount = rule.GroupCount;
        if (!rule.CapturesReferenced && frame.Trace is null)
        {
            frame.Captures[..rule.GroupCount].Clear();
            return true;
        }

        for (var i = 0; i < rule.Matching.Length; i++)
        {
            var line = rule.Matching[i];
            if (!line.CapturesNeededWhileMatching && line.Pattern.GroupCount > 0)
            {
                ExtractCaptures(line, lineValues[i], ref frame, ranges);
            }
        }

        frame.CaptureCount = rule.GroupCount;
        return true;
    }

    private static bool ExtractCaptures(CompiledMatchingLine line, ValueRef value, ref EvaluationFrame frame, Span<CaptureRange> scratchRanges)
    {
        var count = line.Pattern.GroupCount;
        var ranges = scratchRanges[..count];
        if (!line.Pattern.TryMatch(frame.Resolve(value), ranges))
        {
            return false;
        }

        for (var g = 0; g < count; g++)
        {
            var range = ranges[g];
            frame.Captures[line.FirstGroup + g] = range.Success ? value.Slice(range.Start, range.Length) : ValueRef.Null;
        }

        return true;
    }

    private static void RecordCaptures(CompiledRule rule, ref EvaluationFrame frame)
    {
        var captures = frame.Decision.SetCaptureCount(rule.GroupCount);
        for (var g = 0; g < captures.Length; g++)
        {
            var capture = frame.Captures[g];
            var start = frame.Arena.Append(frame.Resolve(capture));
            captures[g] = (start, capture.Length, !capture.IsNull);
        }
    }

    private static List<string?> DescribeCaptures(CompiledRule rule, ref EvaluationFrame frame)
    {
        var result = new List<string?>(rule.GroupCount);
        for (var g = 0; g < rule.GroupCount; g++)
        {
            var capture = frame.Captures[g];
            result.Add(capture.IsNull ? null : Encoding.UTF8.GetString(frame.Resolve(capture)));
        }

        return result;
    }

    /// <summary>
    /// Applies a rule's deploy lines. All values are computed first, from the match results and the
    /// request as it stood before this rule, then applied in order; a value carrying CR, LF or NUL
    /// fails the whole decision before anything is applied.
    /// </summary>
    private static bool Deploy(CompiledRule rule, ref EvaluationFrame frame, ref DeployState state)
    {
        var values = frame.Decision.Scratch.DeployValues(rule.Deploy.Length);
        for (var i = 0; i < rule.Deploy.Length; i++)
        {
            values[i] = rule.Deploy[i].Value.Evaluate(ref frame);
            if (rule.Deploy[i].IsSafeConstant)
            {
                continue;
            }

            var resolved = frame.Resolve(values[i]);
            var bad = resolved.IndexOfAny((byte)'\r', (byte)'\n', (byte)'\0');
            if (bad >= 0)
            {
                frame.Decision.SetError(
                    RoutingErrorCode.InjectedLineBreak,
                    $"Rule '{rule.Name}', deploy line {i + 1} ({rule.Deploy[i].Name}): the substituted value holds a {Describe(resolved[bad])} at offset {bad}; header injection refused, nothing applied.");
                return false;
            }
        }

        var decision = frame.Decision;
        for (var i = 0; i < rule.Deploy.Length; i++)
        {
            var line = rule.Deploy[i];
            var untrimmed = frame.Resolve(values[i]);
            var value = untrimmed.Trim((byte)' ');
            switch (line.Action)
            {
                case DeployAction.Header or DeployAction.From when value.IsEmpty:
                    decision.SetHeaderEdit(line.NameBytes, line.HeaderId, HeaderEditKind.Remove, -1, 0, verified: true);
                    break;
                case DeployAction.Header or DeployAction.From:
                    // A dialog needs its From tag: a bare URI swaps the URI and keeps the rest.
                    var kind = line.Action == DeployAction.From && (line.ConstantIsBareUri ?? IsBareUri(value)) ? HeaderEditKind.ReplaceUri : HeaderEditKind.Set;
                    decision.SetHeaderEdit(line.NameBytes, line.HeaderId, kind, InArena(decision, values[i], untrimmed, value), value.Length, verified: true);
                    break;
                case DeployAction.To:
                    state.ToUriStart = InArena(decision, values[i], untrimmed, value);
                    state.ToUriLength = value.Length;
                    state.HasToUri = true;
                    break;
                case DeployAction.Target:
                    decision.SetTarget(InArena(decision, values[i], untrimmed, value), value.Length);
                    break;
                case DeployAction.Respond when Ascii.EqualsIgnoreCase(value, "block"u8):
                    state.Block = true;
                    break;
                case DeployAction.Respond when ResultWriter.TryParseInteger(value, out var status) && status is >= 100 and <= 699:
                    state.Status = (int)status;
                    break;
                case DeployAction.Respond:
                    // A non-numeric action (the vendor's `register`) is carried for the host.
                    decision.SetVariable(line.Name, decision.Arena.Append(value), value.Length);
                    break;
                case DeployAction.Continue:
                    state.Continue = Ascii.EqualsIgnoreCase(value, "true"u8);
                    break;
                case DeployAction.ReplaceUrl:
                    state.ReplaceUrl = !Ascii.EqualsIgnoreCase(value, "false"u8);
                    break;
                case DeployAction.Variable:
                    decision.SetVariable(line.Name, decision.Arena.Append(value), value.Length);
                    break;
                case DeployAction.Environment:
                    decision.SetEnvironment(line.Name, decision.Arena.Append(value), value.Length);
                    break;
            }
        }

        return true;
    }

    /// <summary>
    /// Where the (trimmed) deploy value starts in the arena. A value a template built is there already
    /// and stays put (the arena only grows during an evaluation); anything else is copied in.
    /// </summary>
    private static int InArena(RoutingDecision decision, ValueRef computed, ReadOnlySpan<byte> untrimmed, ReadOnlySpan<byte> trimmed)
    {
        if (computed.Origin == ValueOrigin.Arena)
        {
            untrimmed.Overlaps(trimmed, out var leading);
            return computed.Start + leading;
        }

        return decision.Arena.Append(trimmed);
    }

    private static void Finish(CompiledDialPlan plan, ref EvaluationFrame frame, ref DeployState state)
    {
        var decision = frame.Decision;
        decision.Stage = RoutingStage.DialPlan;
        if (state.Block)
        {
            decision.Outcome = RoutingOutcome.Block;
            decision.StatusCode = 403;
            frame.Services.BlockList.Block(frame.Context.Source.Address);
            return;
        }

        if (state.Status != 0)
        {
            decision.Outcome = RoutingOutcome.Reject;
            decision.StatusCode = state.Status;
            return;
        }

        decision.Outcome = RoutingOutcome.Forward;
        if (state.HasToUri)
        {
            RouteByTo(plan, ref frame, ref state);
        }
    }

    /// <summary>
    /// <c>To = sip:user@host</c> routes to host and rewrites the Request-URI and the To URI (unless
    /// <c>$replaceurl = false</c>); <c>To = sip:user@</c> routes to the user's registered contact.
    /// <c>$target</c>, when set, keeps deciding the next hop.
    /// </summary>
    private static void RouteByTo(CompiledDialPlan plan, ref EvaluationFrame frame, ref DeployState state)
    {
        var decision = frame.Decision;
        var uri = decision.Arena.Slice(state.ToUriStart, state.ToUriLength);
        if (uri.Length > 0 && uri[^1] == (byte)'@')
        {
            Span<char> user = stackalloc char[CharScratch.MaxLength];
            var colon = uri.IndexOf((byte)':');
            var contact = CharScratch.TryDecode(uri[(colon + 1)..^1], user, out var userText)
                ? frame.Services.Registrar.GetContact(userText)
                : null;
            if (contact is null)
            {
                decision.Outcome = RoutingOutcome.Reject;
                decision.StatusCode = plan.Options.UnregisteredUserStatus;
                return;
            }

            var contactStart = decision.Arena.Length;
            ResultWriter.Text(decision.Arena, contact);
            var contactLength = decision.Arena.Length - contactStart;
            if (!Sip.Writing.RequestUriSyntax.IsValid(decision.Arena.Slice(contactStart, contactLength)))
            {
                decision.SetError(RoutingErrorCode.InvalidValue, $"The registered contact '{contact}' is not a usable SIP URI; nothing applied.");
                return;
            }

            if (state.ReplaceUrl)
            {
                decision.SetRequestUri(contactStart, contactLength, verified: true);
            }

            if (!decision.HasTarget)
            {
                SetTargetFromUri(decision, contactStart, contactLength);
            }

            return;
        }

        // The same test as RequestUriSyntax.IsValid, keeping the parsed URI for the target below.
        if (uri.IsEmpty || uri.IndexOfAnyExceptInRange((byte)0x21, (byte)0x7E) >= 0 || uri.IndexOf((byte)':') <= 0 || !SipUri.TryParse(uri, out var parsed))
        {
            // A substituted value (a capture from the wire) that is no URI must not reach the request line.
            decision.SetError(RoutingErrorCode.InvalidValue, $"The To deploy value '{System.Text.Encoding.UTF8.GetString(uri)}' is not a usable SIP URI; nothing applied.");
            return;
        }

        if (state.ReplaceUrl)
        {
            decision.SetRequestUri(state.ToUriStart, state.ToUriLength, verified: true);
            decision.SetHeaderEdit(ToHeaderName, SipHeaderId.To, HeaderEditKind.ReplaceUri, state.ToUriStart, state.ToUriLength, verified: true);
        }

        if (decision.HasTarget)
        {
            return;
        }

        // Without ; ? , " < > the URI is its own addr-spec, so the parse above is the one
        // SetTargetFromUri would make; the host then is already in the arena, inside the URI.
        if (uri.IndexOfAny(AddrSpecDelimiters) < 0 && parsed.Port <= 0 && !parsed.Host.IsEmpty && uri.Overlaps(parsed.Host, out var hostOffset))
        {
            decision.SetTarget(state.ToUriStart + hostOffset, parsed.Host.Length);
            return;
        }

        SetTargetFromUri(decision, state.ToUriStart, state.ToUriLength);
    }

    private static readonly System.Buffers.SearchValues<byte> AddrSpecDelimiters = System.Buffers.SearchValues.Create(";?,\"<>"u8);

    private static readonly byte[] ToHeaderName = "To"u8.ToArray();

    private static void SetTargetFromUri(RoutingDecision decision, int uriStart, int uriLength)
    {
        if (!MessageAccess.TryGetHostPort(decision.Arena.Slice(uriStart, uriLength), out var host, out var port))
        {
            return;
        }

        // Copy the host out first: the arena may grow while writing the port.
        var start = decision.Arena.Append(host);
        if (port > 0)
        {
            decision.Arena.Append(":"u8);
            ResultWriter.Integer(decision.Arena, port);
        }

        decision.SetTarget(start, decision.Arena.Length - start);
    }

    private static bool IsInDialogOrAckOrCancel(SipMessage message)
    {
        if (message.Method is SipMethod.Ack or SipMethod.Cancel)
        {
            return true;
        }

        if (!message.TryGetHeader(SipHeaderId.To, out var to))
        {
            return false;
        }

        var value = message.GetValue(to);
        var close = value.LastIndexOf((byte)'>');
        return ParameterScanner.TryFind(close >= 0 ? value[(close + 1)..] : value, "tag"u8, out _);
    }

    /// <summary>A URI with a scheme and nothing around it (no display name, no brackets).</summary>
    internal static bool IsBareUri(ReadOnlySpan<byte> value)
    {
        var colon = value.IndexOf((byte)':');
        return colon > 0 && value.IndexOfAny("<>\" "u8) < 0 && SipUri.TryParse(value, out _);
    }

    private static string Describe(byte b) => b switch
    {
        (byte)'\r' => "CR",
        (byte)'\n' => "LF",
        _ => "NUL",
    };

    private enum RuleOutcome
    {
        /// <summary>Go on with the next rule.</summary>
        Next,

        /// <summary>A rule decided; finish the decision.</summary>
        Stop,

        /// <summary>A deploy failed; the decision carries the error and nothing is finished.</summary>
        Failed,
    }

    private struct DeployState
    {
        public bool Continue;
        public bool Block;
        public int Status;
        public bool ReplaceUrl;
        public bool HasToUri;
        public int ToUriStart;
        public int ToUriLength;
    }
}
