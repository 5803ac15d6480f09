using System.Buffers;
using System.Buffers.Text;
using System.Net;
using System.Text;
using AlwaysConnected.Routing;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Sip.Writing;
using AlwaysConnected.SipProxy.Logging;
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
    TimeProvider time,
    CallDecisionLog callLog,
    ILogger<StatelessProxy> logger) : ISipMessageHandler
{
    private static readonly string Salt = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
    private static readonly byte[] SaltBytes = Encoding.ASCII.GetBytes(Salt);

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
        var output = new ArrayBufferWriter<byte>(1024);
        if (ResponseFactory.TryBuild(message, status, "Bad Request (" + error.GetDescription() + ")", inbound.Source, output))
        {
            node.Reply(inbound, output.WrittenSpan, ReplyDestination(message, inbound));
        }
    }

    /// <summary>This thread's scratch for this proxy: a receive worker's own, made on its first message.</summary>
    private Scratch GetScratch()
    {
        var scratch = t_scratch;
        if (scratch is null || !ReferenceEquals(scratch.Owner, this))
        {
            t_scratch = scratch = new Scratch(this, new NextHopCache(resolver, time));
        }

        return scratch;
    }

    private void HandleRequest(SipNode node, SipMessage request, in Inbound inbound)
    {
        var scratch = GetScratch();
        if (!request.TryGetValue(SipHeaderId.Via, 0, out var topViaValue) || !ViaHeader.TryParse(topViaValue, out var topVia))
        {
            badInput.Report(inbound.Source, "request without a readable Via", Encoding.UTF8.GetString(request.StartLine));
            node.CountDropped();
            return;
        }

        var branch = scratch.Branch;
        SipText.WriteBranch(request, topVia, SaltBytes, branch);
        var method = request.Method;
        if (failover.HasAttempts && method is SipMethod.Invite or SipMethod.Ack or SipMethod.Cancel
            && failover.TryForwardWithin(node, request, inbound, Encoding.ASCII.GetString(branch)))
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
                    Answer(node, request, inbound, 200, "OK", scratch);
                }

                return; // the ACK of our own final response ends here
            }

            var edits = new ForwardEdits(node.SentBy, Encoding.ASCII.GetString(branch)) { RequestUri = hint.RequestUri, ConnectionId = inbound.ConnectionId };
            Forward(node, request, inbound, hint.Destination!, edits, scratch);
            return;
        }

        var hops = SipText.ReadMaxForwards(request);
        if (hops <= 0)
        {
            if (method != SipMethod.Ack)
            {
                Answer(node, request, inbound, hops == 0 ? 483 : 400, hops == 0 ? "Too Many Hops" : "Bad Request (Max-Forwards)", scratch);
            }

            return;
        }

        var decision = scratch.Decision;
        decision.Reset();
        var context = new RoutingContext(inbound.Source, inbound.Transport);
        router.Route(request, context, decision);
        callLog.Decided("SIP server", method, inbound.Source, decision);
        switch (decision.Outcome)
        {
            case RoutingOutcome.Reject:
            case RoutingOutcome.Block:
                // A request that failed validation (RoutingStage.Validation) is logged with the phrase naming the problem.
                LogAnswered(request.Method, inbound.Source, decision.StatusCode, decision.Stage == RoutingStage.Validation ? decision.ReasonPhrase! : LastRule(decision));
                if (method != SipMethod.Ack)
                {
                    // A rejecting decision always carries its status and reason phrase (the standard one, or one naming the problem).
                    Answer(node, request, inbound, decision.StatusCode, decision.ReasonPhrase!, scratch);
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

        if (NextHopFailover.AppliesTo(decision, method))
        {
            StartFailover(node, request, inbound, branch, decision, scratch);
            return;
        }

        if (NeedsRewrittenRequest(decision))
        {
            ForwardRewritten(node, request, inbound, branch, decision, scratch);
            return;
        }

        // Forward or NoMatch: the decision's edits and the proxy's own in one write of the request.
        if (!TryChooseDestination(node, request, request, inbound, decision, scratch, out var destination))
        {
            return;
        }

        if (method == SipMethod.Invite)
        {
            hints.RememberForwarded(branch, destination, decision.HasRequestUri ? decision.RequestUri : request.RequestUri);
        }

        LogForwarded(request.Method, inbound.Source, destination.EndPoint, LastRule(decision));
        var via = scratch.Via;
        via.ResetWrittenCount();
        via.Write(node.ViaPrefix);
        via.Write(branch);
        if (inbound.ConnectionId != 0)
        {
            // Which TCP connection the response must go back on, carried in our own Via (no table to keep).
            via.Write(";cid="u8);
            Utf8Formatter.TryFormat(inbound.ConnectionId, via.GetSpan(20), out var digits);
            via.Advance(digits);
        }

        var receivedVia = scratch.ReceivedVia;
        receivedVia.ResetWrittenCount();
        var sourceAddress = inbound.Peer?.AddressText ?? Encoding.ASCII.GetBytes(inbound.Source.Address.ToString());
        SipText.StampTopVia(topViaValue, topVia, sourceAddress, inbound.Source.Port, receivedVia);
        var proxyEdits = new SipProxyEdits { Via = via.WrittenSpan, ReceivedVia = receivedVia.WrittenSpan, MaxForwards = hops - 1 };
        var output = scratch.Output;
        output.ResetWrittenCount();
        if (!SipRequestWriter.TryWrite(request, decision, proxyEdits, output, out var writeError))
        {
            LogRoutingError(inbound.Source, writeError, "the decision could not be applied");
            Answer(node, request, inbound, 500, "Server Internal Error (rewrite)", scratch);
            return;
        }

        node.SendDatagram(output.WrittenSpan, destination);
    }

    /// <summary>
    /// Whether the proxy must read the rewritten request before forwarding it: the decision edits a header the
    /// proxy itself reads or writes (Route, Via, Max-Forwards), or replaces From without the caller's tag,
    /// which the proxy puts back. Rare; every other request is written once.
    /// </summary>
    private static bool NeedsRewrittenRequest(RoutingDecision decision)
    {
        for (var e = 0; e < decision.HeaderEditCount; e++)
        {
            var edit = decision.GetHeaderEdit(e);
            var id = SipHeader.GetId(edit.Name);
            if (id is SipHeaderId.Route or SipHeaderId.Via or SipHeaderId.MaxForwards)
            {
                return true;
            }

            if (id == SipHeaderId.From)
            {
                if (edit.Kind == HeaderEditKind.Set && !edit.Value.IsEmpty
                    && (!NameAddress.TryParse(edit.Value, out var from) || !from.Parameters.Contains("tag"u8)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The general path: write the decision's edits, read the result, then add the proxy's own.</summary>
    private void ForwardRewritten(SipNode node, SipMessage request, in Inbound inbound, ReadOnlySpan<byte> branchBytes, RoutingDecision decision, Scratch scratch)
    {
        var method = request.Method;
        scratch.Rewritten.ResetWrittenCount();
        if (!SipRequestWriter.TryWrite(request, decision, scratch.Rewritten, out var writeError))
        {
            LogRoutingError(inbound.Source, writeError, "the decision could not be applied");
            Answer(node, request, inbound, 500, "Server Internal Error (rewrite)", scratch);
            return;
        }

        if (SipParser.TryParseDatagram(scratch.Rewritten.WrittenSpan, scratch.Index, out var rewritten) != OperationStatus.Done)
        {
            LogRoutingError(inbound.Source, RoutingErrorCode.InvalidValue, scratch.Index.Error.GetDescription());
            Answer(node, request, inbound, 500, "Server Internal Error (rewrite)", scratch);
            return;
        }

        if (!TryChooseDestination(node, request, rewritten, inbound, decision, scratch, out var destination))
        {
            return;
        }

        if (method == SipMethod.Invite)
        {
            hints.RememberForwarded(branchBytes, destination, rewritten.RequestUri);
        }

        LogForwarded(request.Method, inbound.Source, destination.EndPoint, LastRule(decision));
        var edits = new ForwardEdits(node.SentBy, Encoding.ASCII.GetString(branchBytes)) { ConnectionId = inbound.ConnectionId, FromTag = RequestForwarder.ReadFromTag(request) };
        Forward(node, rewritten, inbound, destination, edits, scratch);
    }

    /// <summary>An INVITE whose target is a list: written once, then handed to <see cref="NextHopFailover"/>, which tries the hops in order.</summary>
    private void StartFailover(SipNode node, SipMessage request, in Inbound inbound, ReadOnlySpan<byte> branch, RoutingDecision decision, Scratch scratch)
    {
        scratch.Rewritten.ResetWrittenCount();
        if (!SipRequestWriter.TryWrite(request, decision, scratch.Rewritten, out var writeError)
            || SipParser.TryParseDatagram(scratch.Rewritten.WrittenSpan, scratch.Index, out var rewritten) != OperationStatus.Done)
        {
            LogRoutingError(inbound.Source, writeError, "the decision could not be applied");
            Answer(node, request, inbound, 500, "Server Internal Error (rewrite)", scratch);
            return;
        }

        var edits = new ForwardEdits(node.SentBy, Encoding.ASCII.GetString(branch)) { ConnectionId = inbound.ConnectionId, FromTag = RequestForwarder.ReadFromTag(request) };
        if (!failover.TryStart(node, rewritten, decision, inbound, edits.Branch, edits))
        {
            LogUnroutable(inbound.Source, decision.GetTargetString()!);
            Answer(node, request, inbound, 503, "Service Unavailable (no next hop resolves)", scratch);
        }
    }

    /// <summary>
    /// The next hop of <paramref name="outgoing"/> (the request as it will leave); when there is none, or it is this
    /// node itself, <paramref name="request"/> is answered 503 or 482 (never an ACK) and false is returned.
    /// </summary>
    private bool TryChooseDestination(SipNode node, SipMessage request, SipMessage outgoing, in Inbound inbound, RoutingDecision decision, Scratch scratch, out Peer destination)
    {
        if (!TryChooseNextHop(node, outgoing, decision, scratch.NextHops, out destination))
        {
            LogUnroutable(inbound.Source, decision.GetTargetString() ?? Encoding.UTF8.GetString(outgoing.RequestUri));
            if (request.Method != SipMethod.Ack)
            {
                Answer(node, request, inbound, 503, "Service Unavailable (next hop does not resolve)", scratch);
            }

            return false;
        }

        if (destination.EndPoint.Equals(node.LocalEndPoint))
        {
            if (request.Method != SipMethod.Ack)
            {
                Answer(node, request, inbound, 482, "Loop Detected", scratch);
            }

            return false;
        }

        return true;
    }

    private static bool TryChooseNextHop(SipNode node, SipMessage request, RoutingDecision decision, NextHopCache hops, out Peer destination)
    {
        if (decision.HasTarget)
        {
            // The first next hop of the list that resolves (a list's later hops matter to INVITEs only: NextHopFailover).
            foreach (var hop in decision.NextHops)
            {
                if (hop.IsValid && hops.TryResolveNextHop(hop.Text, out destination))
                {
                    return true;
                }
            }

            destination = null!;
            return false;
        }

        // Loose routing (RFC 3261 §16.12): a Route set by a record-routing hop (the PBX core) is followed.
        if (request.TryGetValue(SipHeaderId.Route, 0, out var route) && NameAddress.TryParse(route, out var address)
            && hops.TryResolveNextHop(address.AddrSpec, out destination) && !destination.EndPoint.Equals(node.LocalEndPoint))
        {
            return true;
        }

        return hops.TryResolveNextHop(decision.HasRequestUri ? decision.RequestUri : request.RequestUri, out destination);
    }

    private void Forward(SipNode node, SipMessage request, in Inbound inbound, Peer destination, in ForwardEdits edits, Scratch scratch)
    {
        scratch.Output.ResetWrittenCount();
        if (!RequestForwarder.TryBuild(request, edits, inbound.Source, scratch.Output))
        {
            badInput.Report(inbound.Source, "request not forwardable", edits.Branch);
            node.CountDropped();
            return;
        }

        node.SendDatagram(scratch.Output.WrittenSpan, destination);
    }

    private void HandleResponse(SipNode node, SipMessage response, in Inbound inbound)
    {
        // A malformed response is not relayed (RFC 3261 §16.7 assumes a well-formed one): dropped, logged, counted.
        if (!response.TryValidate(out var invalid))
        {
            metrics.ResponseDropped(invalid.Code.ToString());
            badInput.Report(inbound.Source, "malformed response dropped", invalid.GetDescription());
            node.CountDropped();
            return;
        }

        if (!ResponseRelay.IsOurs(response, node, out var connectionId))
        {
            badInput.Report(inbound.Source, "response not for us", Encoding.UTF8.GetString(response.StartLine));
            node.CountDropped();
            return;
        }

        if (failover.HasAttempts && failover.TryConsumeResponse(node, response))
        {
            return;
        }

        var scratch = GetScratch();
        scratch.Output.ResetWrittenCount();
        if (!ResponseRelay.TryForward(response, node, connectionId, scratch.NextHops, scratch.Output, out var problem))
        {
            badInput.Report(inbound.Source, "response not routable", problem);
            node.CountDropped();
        }
    }

    private static void Answer(SipNode node, SipMessage request, in Inbound inbound, int status, string reason, Scratch scratch)
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

    /// <summary>
    /// Per-thread reusable state: a receive worker's own decision, parser index, buffers and next-hop cache (a
    /// handler call never spans threads: the message is a view over the receive buffer).
    /// </summary>
    private sealed class Scratch(StatelessProxy owner, NextHopCache nextHops)
    {
        public StatelessProxy Owner { get; } = owner;

        public NextHopCache NextHops { get; } = nextHops;

        public byte[] Branch { get; } = new byte[SipText.BranchLength];

        public ArrayBufferWriter<byte> Via { get; } = new(256);

        public ArrayBufferWriter<byte> ReceivedVia { get; } = new(512);

        public RoutingDecision Decision { get; } = new();

        public SipMessageIndex Index { get; } = new();

        public ArrayBufferWriter<byte> Rewritten { get; } = new(4096);

        public ArrayBufferWriter<byte> Output { get; } = new(4096);
    }
}
