using System.Buffers;
using System.Net;
using System.Text;
using AlwaysConnected.Routing;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Sip.Writing;
using AlwaysConnected.SipProxy.Transport;
using Microsoft.Extensions.Logging;

namespace AlwaysConnected.SipProxy.Proxy;

/// <summary>
/// The SIP server role: every new request runs the dial plan (<see cref="SipRouter.Route"/>), then is
/// forwarded statelessly (RFC 3261 §16.11) or answered (reject, block, 483, 400). Responses are routed
/// back by their Via.
/// </summary>
internal sealed partial class StatelessProxy(
    SipRouter router,
    HostResolver resolver,
    TransactionHints hints,
    NextHopFailover failover,
    ProxyMetrics metrics,
    BadInputLimiter badInput,
    ILogger<StatelessProxy> logger) : ISipMessageHandler
{
    private static readonly string Salt = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());

    [ThreadStatic]
    private static Scratch? t_scratch;

    public void Handle(SipNode node, SipMessage message, in Inbound inbound)
    {
        if (message.IsRequest)
        {
            HandleRequest(node, message, inbound);
        }
        else
        {
            HandleResponse(node, message, inbound);
        }
    }

    public void HandleInvalid(SipNode node, SipMessage message, SipParseError error, in Inbound inbound) =>
        AnswerBadRequest(node, message, error, inbound);

    internal static void AnswerBadRequest(SipNode node, SipMessage message, SipParseError error, in Inbound inbound)
    {
        // Answer only what is recognisably a request with the headers a response must echo; the rest is dropped.
        if (!message.IsRequest || message.Method == SipMethod.Ack)
        {
            return;
        }

        var status = error.SuggestedStatusCode is >= 400 and < 600 ? error.SuggestedStatusCode : 400;
        var scratch = t_scratch ??= new Scratch();
        scratch.Output.ResetWrittenCount();
        if (ResponseFactory.TryBuild(message, status, "Bad Request (" + error.GetDescription() + ")", inbound.Source, scratch.Output))
        {
            node.Reply(inbound, scratch.Output.WrittenSpan, ReplyDestination(message, inbound));
        }
    }

    private void HandleRequest(SipNode node, SipMessage request, in Inbound inbound)
    {
        var scratch = t_scratch ??= new Scratch();
        if (!request.TryGetValue(SipHeaderId.Via, 0, out var topViaValue) || !ViaHeader.TryParse(topViaValue, out var topVia))
        {
            badInput.Report(inbound.Source, "request without a readable Via", Encoding.UTF8.GetString(request.StartLine));
            return;
        }

        var branch = SipText.DeriveBranch(request, topVia, Salt);
        var method = request.Method;
        if (method is SipMethod.Invite or SipMethod.Ack or SipMethod.Cancel && failover.TryForwardWithin(node, request, inbound, branch))
        {
            return; // a transaction whose INVITE is going down a $target failover list follows the hop now tried
        }

        if (method is SipMethod.Ack or SipMethod.Cancel && hints.TryGet(branch, out var hint))
        {
            if (hint.LocallyAnswered)
            {
                if (method == SipMethod.Cancel)
                {
                    // The INVITE already has its final answer from us; the CANCEL itself gets 200 (RFC 3261 §9.2).
                    Answer(node, request, inbound, 200, null, scratch);
                }

                return; // the ACK of our own final response ends here
            }

            Forward(node, request, inbound, branch, hint.Destination!, new ForwardEdits(node.SentBy, branch) { RequestUri = hint.RequestUri, ConnectionId = inbound.ConnectionId }, scratch);
            return;
        }

        var hops = SipText.ReadMaxForwards(request);
        if (hops <= 0)
        {
            if (method != SipMethod.Ack)
            {
                Answer(node, request, inbound, hops == 0 ? 483 : 400, hops == 0 ? null : "Bad Request (Max-Forwards)", scratch);
            }

            return;
        }

        var decision = scratch.Decision;
        decision.Reset();
        var context = new RoutingContext(inbound.Source, inbound.Transport);
        router.Route(request, context, decision);
        switch (decision.Outcome)
        {
            case RoutingOutcome.Reject:
            case RoutingOutcome.Block:
                // A request that failed validation (RoutingStage.Validation) is answered with the phrase naming the problem.
                LogAnswered(request.Method, inbound.Source, decision.StatusCode, decision.Stage == RoutingStage.Validation ? decision.ReasonPhrase! : LastRule(decision));
                if (method != SipMethod.Ack)
                {
                    Answer(node, request, inbound, decision.Outcome == RoutingOutcome.Block ? 403 : decision.StatusCode, decision.ReasonPhrase, scratch);
                    hints.RememberAnswered(branch);
                }

                return;
            case RoutingOutcome.Error:
                LogRoutingError(inbound.Source, decision.ErrorCode, decision.ErrorMessage);
                if (method != SipMethod.Ack)
                {
                    Answer(node, request, inbound, 500, "Server Internal Error (routing)", scratch);
                    hints.RememberAnswered(branch);
                }

                return;
        }

        // Forward or NoMatch: apply the decision's edits, then the proxy's own.
        scratch.Rewritten.ResetWrittenCount();
        if (!SipRequestWriter.TryWrite(request, decision, scratch.Rewritten, out var writeError))
        {
            LogRoutingError(inbound.Source, writeError, "the decision could not be applied");
            Answer(node, request, inbound, 500, "Server Internal Error (rewrite)", scratch);
            return;
        }

        if (SipParser.TryParseDatagram(scratch.Rewritten.WrittenSpan, scratch.Index, out var rewritten) != SipParseStatus.Success)
        {
            LogRoutingError(inbound.Source, RoutingErrorCode.InvalidValue, scratch.Index.Error.GetDescription());
            Answer(node, request, inbound, 500, "Server Internal Error (rewrite)", scratch);
            return;
        }

        if (NextHopFailover.AppliesTo(decision, method))
        {
            var listEdits = new ForwardEdits(node.SentBy, branch) { ConnectionId = inbound.ConnectionId, FromTag = RequestForwarder.ReadFromTag(request) };
            if (!failover.TryStart(node, rewritten, decision, inbound, branch, listEdits))
            {
                LogUnroutable(inbound.Source, decision.GetTargetString()!);
                Answer(node, request, inbound, 503, "Service Unavailable (no next hop resolves)", scratch);
            }

            return;
        }

        if (!TryChooseNextHop(node, rewritten, decision, out var destination))
        {
            LogUnroutable(inbound.Source, decision.GetTargetString() ?? Encoding.UTF8.GetString(rewritten.RequestUri));
            if (method != SipMethod.Ack)
            {
                Answer(node, request, inbound, 503, "Service Unavailable (next hop does not resolve)", scratch);
            }

            return;
        }

        if (destination.Equals(node.LocalEndPoint))
        {
            if (method != SipMethod.Ack)
            {
                Answer(node, request, inbound, 482, null, scratch);
            }

            return;
        }

        if (method == SipMethod.Invite)
        {
            hints.RememberForwarded(branch, destination, rewritten.RequestUri.ToArray());
        }

        LogForwarded(request.Method, inbound.Source, destination, LastRule(decision));
        var edits = new ForwardEdits(node.SentBy, branch) { ConnectionId = inbound.ConnectionId, FromTag = RequestForwarder.ReadFromTag(request) };
        Forward(node, rewritten, inbound, branch, destination, edits, scratch);
    }

    private bool TryChooseNextHop(SipNode node, SipMessage request, RoutingDecision decision, out IPEndPoint destination)
    {
        if (decision.HasTarget)
        {
            // The first next hop of the list that resolves (a list's later hops matter to INVITEs only, see NextHopFailover).
            foreach (var hop in decision.NextHops)
            {
                if (hop.TryGetEndPoint(resolver, out var endPoint))
                {
                    destination = endPoint;
                    return true;
                }
            }

            destination = null!;
            return false;
        }

        // Loose routing (RFC 3261 §16.12): a Route set by a record-routing hop (the PBX core) is followed.
        if (request.TryGetValue(SipHeaderId.Route, 0, out var route) && NameAddress.TryParse(route, out var address)
            && resolver.TryResolveNextHop(address.AddrSpec, out destination) && !destination.Equals(node.LocalEndPoint))
        {
            return true;
        }

        return resolver.TryResolveNextHop(request.RequestUri, out destination);
    }

    private void Forward(SipNode node, SipMessage request, in Inbound inbound, string branch, IPEndPoint destination, in ForwardEdits edits, Scratch scratch)
    {
        scratch.Output.ResetWrittenCount();
        if (!RequestForwarder.TryBuild(request, edits, inbound.Source, scratch.Output))
        {
            badInput.Report(inbound.Source, "request not forwardable", branch);
            return;
        }

        node.SendDatagram(scratch.Output.WrittenSpan, destination);
    }

    private void HandleResponse(SipNode node, SipMessage response, in Inbound inbound)
    {
        // A malformed response is not relayed (RFC 3261 §16.7 assumes a well-formed one): dropped, logged, counted.
        if (!SipMessageValidator.TryValidate(response, out var invalid))
        {
            metrics.ResponseDropped(invalid.Code.ToString());
            badInput.Report(inbound.Source, "malformed response dropped", invalid.GetDescription());
            return;
        }

        if (!ResponseRelay.TryReadOurVia(response, node, out var branch, out var connectionId))
        {
            badInput.Report(inbound.Source, "response not for us", Encoding.UTF8.GetString(response.StartLine));
            return;
        }

        if (failover.TryConsumeResponse(node, response, branch))
        {
            return;
        }

        var scratch = t_scratch ??= new Scratch();
        scratch.Output.ResetWrittenCount();
        if (!ResponseRelay.TryForward(response, node, connectionId, resolver, null, scratch.Output, out var problem))
        {
            badInput.Report(inbound.Source, "response not routable", problem);
        }
    }

    private static void Answer(SipNode node, SipMessage request, in Inbound inbound, int status, string? reason, Scratch scratch)
    {
        scratch.Output.ResetWrittenCount();
        if (ResponseFactory.TryBuild(request, status, reason, inbound.Source, scratch.Output))
        {
            node.Reply(inbound, scratch.Output.WrittenSpan, ReplyDestination(request, inbound));
        }
    }

    /// <summary>UDP replies go to the source address; the port is the source's when rport asked for it, else sent-by's.</summary>
    private static IPEndPoint ReplyDestination(SipMessage request, in Inbound inbound)
    {
        if (request.TryGetValue(SipHeaderId.Via, 0, out var value) && ViaHeader.TryParse(value, out var via) && !via.HasRPort && via.Port > 0)
        {
            return new IPEndPoint(inbound.Source.Address, via.Port);
        }

        return inbound.Source;
    }

    private static string LastRule(RoutingDecision decision) =>
        decision.AppliedRules.Count > 0 ? decision.AppliedRules[^1] : "(no rule)";

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "{Method} from {Source} forwarded to {Destination} (rule {Rule})")]
    private partial void LogForwarded(SipMethod method, IPEndPoint source, IPEndPoint destination, string rule);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "{Method} from {Source} answered {Status} (rule {Rule})")]
    private partial void LogAnswered(SipMethod method, IPEndPoint source, int status, string rule);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Routing error for a request from {Source}: {Code} {Detail}")]
    private partial void LogRoutingError(IPEndPoint source, RoutingErrorCode code, string? detail);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "Request from {Source}: next hop {NextHop} does not resolve")]
    private partial void LogUnroutable(IPEndPoint source, string nextHop);

    /// <summary>Per-thread reusable buffers: a handler call never spans threads (the message is a view over the receive buffer).</summary>
    private sealed class Scratch
    {
        public RoutingDecision Decision { get; } = new();

        public SipMessageIndex Index { get; } = new();

        public ArrayBufferWriter<byte> Rewritten { get; } = new(4096);

        public ArrayBufferWriter<byte> Output { get; } = new(4096);
    }
}
