using System.Text;
using AlwaysConnected.Routing.DialPlan.Compilation;
using AlwaysConnected.Routing.DialPlan.Functions.BuiltIns;
using AlwaysConnected.Routing.Requests;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.DialPlan.Evaluation;

/// <summary>
/// Applies a matched rule's deploy lines (guarded before anything is applied) and, once the rules are
/// done, finishes the decision: block, reject, or forward, routing by the deployed To (semantics §4).
/// </summary>
internal static class DialPlanDeployer
{
    /// <summary>
    /// Applies a rule's deploy lines. All values are computed first, from the match results and the
    /// request as it stood before this rule, then applied in order; a value carrying CR, LF or NUL
    /// fails the whole decision before anything is applied.
    /// </summary>
    internal static bool Deploy(CompiledRule rule, ref EvaluationFrame frame, ref DeployState state)
    {
        var values = frame.Scratch.DeployValues(rule.Deploy.Length);
        for (var i = 0; i < rule.Deploy.Length; i++)
        {
            values[i] = rule.Deploy[i].Value.Evaluate(ref frame);
            if (rule.Deploy[i].IsSafeConstant)
            {
                continue;
            }

            var resolved = frame.Resolve(values[i]);
            var bad = InjectionGuard.IndexOfForbidden(resolved);
            if (bad >= 0)
            {
                frame.Decision.SetError(
                    RoutingErrorCode.InjectedLineBreak,
                    InjectionGuard.Refusal($"Rule '{rule.Name}', deploy line {i + 1} ({rule.Deploy[i].Name}): the substituted value", resolved[bad], bad));
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
                    var kind = line.Action == DeployAction.From && (line.ConstantIsBareUri ?? UriText.IsBareUri(value)) ? HeaderEditKind.ReplaceUri : HeaderEditKind.Set;
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
                case DeployAction.Respond when ValueWriter.TryParseInteger(value, out var status) && status is >= 100 and <= 699:
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

    internal static void Finish(CompiledDialPlan plan, ref EvaluationFrame frame, ref DeployState state)
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
            ValueWriter.Text(decision.Arena, contact);
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
        if (NextHopFromUri.TryAppend(decision.Arena, decision.Arena.Slice(uriStart, uriLength), out var start, out var length))
        {
            decision.SetTarget(start, length);
        }
    }
}
