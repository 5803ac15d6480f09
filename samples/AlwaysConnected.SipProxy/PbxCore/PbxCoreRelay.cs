using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using AlwaysConnected.Routing;
using AlwaysConnected.Routing.Ars.Calls;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.SipProxy.Logging;
using AlwaysConnected.SipProxy.Proxy;
using AlwaysConnected.SipProxy.Transport;
using Microsoft.Extensions.Logging;

namespace AlwaysConnected.SipProxy.PbxCore;

/// <summary>
/// The PBX core role's transport side. A new request goes through ARS IN (<see cref="IPbxCoreRouter"/>), then
/// to a <see cref="TrunkCall"/> of the library, which selects the trunk and holds its session; this class only
/// hands the call's events over (the request, each trunk response, the response timeout, CANCEL, BYE) and
/// does what each returned action says: send the request to the trunk with our Via and a Record-Route (so
/// the dialog's ACK and BYE come back through here), ACK a consumed final response, relay a response to the
/// caller with the caller's CSeq number, answer the caller, forward a CANCEL. In-dialog requests of a call
/// whose CSeq moved after a challenge get the same shift. State is bounded and expires.
/// </summary>
internal sealed partial class PbxCoreRelay : ISipMessageHandler
{
    private const int Capacity = 50_000;
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(64);
    private static readonly TimeSpan EstablishedLifetime = TimeSpan.FromHours(4);
    private static readonly string Salt = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());

    private readonly IPbxCoreRouter _router;
    private readonly HostResolver _resolver;
    private readonly BadInputLimiter _badInput;
    private readonly TimeProvider _time;
    private readonly ILogger<PbxCoreRelay> _logger;
    private readonly CallDecisionLog _callLog;
    private readonly ProxyMetrics _metrics;
    private readonly TrunkCallPool _calls;
    private readonly ConcurrentDictionary<string, PbxCoreCall> _byUpstreamBranch = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PbxCoreCall> _byCallId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<TrunkCall, PbxCoreCall> _byTrunkCall = new();
    private readonly ConcurrentDictionary<string, TrunkAttempt> _attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Shifted> _shiftedRequests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CallShift> _cseqShifts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _answeredBranches = new(StringComparer.Ordinal);

    public PbxCoreRelay(IPbxCoreRouter router, SipRouter sipRouter, HostResolver resolver, BadInputLimiter badInput, CallDecisionLog callLog, ProxyMetrics metrics, TimeProvider time, ILogger<PbxCoreRelay> logger)
    {
        _callLog = callLog;
        _metrics = metrics;
        _router = router;
        _resolver = resolver;
        _badInput = badInput;
        _time = time;
        _logger = logger;
        _calls = new TrunkCallPool(sipRouter, OnResponseTimedOut, capacity: 1024);
    }

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
        StatelessProxy.AnswerBadRequest(node, message, error, inbound);

    private void HandleRequest(SipNode node, SipMessage request, in Inbound inbound)
    {
        if (!request.TryGetValue(SipHeaderId.Via, 0, out var topValue) || !ViaHeader.TryParse(topValue, out var topVia))
        {
            _badInput.Report(inbound.Source, "request without a readable Via", Encoding.UTF8.GetString(request.StartLine));
            return;
        }

        var upstreamBranch = SipText.DeriveBranch(request, topVia, Salt);
        var callId = Encoding.UTF8.GetString(request.GetFirstValue(SipHeaderId.CallId));
        var output = new ArrayBufferWriter<byte>(4096);
        if (SipText.ReadMaxForwards(request) <= 0)
        {
            Answer(node, request, inbound, 483, "Too Many Hops", output);
            return;
        }

        if (request.Method == SipMethod.Cancel && _byUpstreamBranch.TryGetValue(upstreamBranch, out var cancelled))
        {
            Cancel(node, request, inbound, cancelled, output);
            return;
        }

        if (request.Method == SipMethod.Ack && _answeredBranches.TryRemove(upstreamBranch, out _))
        {
            // The ACK of a final answer this element gave or already acknowledged to the trunk: it ends here.
            return;
        }

        if (IsInDialog(request) || request.Method is SipMethod.Ack or SipMethod.Cancel)
        {
            ForwardInDialog(node, request, inbound, upstreamBranch, callId, output);
            return;
        }

        if (request.Method == SipMethod.Invite && _byUpstreamBranch.ContainsKey(upstreamBranch))
        {
            // A retransmission of an INVITE already on its way to a trunk: the call's state answers it.
            Answer(node, request, inbound, 100, "Trying", output);
            return;
        }

        StartCall(node, request, inbound, upstreamBranch, callId, output);
    }

    private void StartCall(SipNode node, SipMessage request, in Inbound inbound, string upstreamBranch, string callId, ArrayBufferWriter<byte> output)
    {
        var afterIn = new ArrayBufferWriter<byte>(request.Span.Length + 256);
        var route = _router.Route(request, new RoutingContext(inbound.Source, inbound.Transport), afterIn);
        var index = new SipMessageIndex();
        if (!route.ToTrunk || SipParser.TryParseDatagram(afterIn.WrittenSpan, index, out var outgoing) != OperationStatus.Done)
        {
            var status = route.ToTrunk ? 500 : route.StatusCode;
            LogAnswered(request.Method, inbound.Source, status);
            Answer(node, request, inbound, status, route.ToTrunk ? "Server Internal Error (ARS IN wrote an unreadable request)" : route.ReasonPhrase!, output);
            RememberAnswered(upstreamBranch);
            return;
        }

        var call = new PbxCoreCall(_calls.Rent(), node, inbound, upstreamBranch, callId, RequestForwarder.ReadFromTag(request), request.Span.ToArray())
        {
            Expires = _time.GetUtcNow() + Lifetime,
        };
        if (request.Method == SipMethod.Invite)
        {
            // The PBX core keeps the INVITE's state (challenge, failover): a 100 Trying stops the caller's
            // retransmissions (RFC 3261 §17.1.1.2). Sent before the trunk can answer: another receive thread
            // may relay the trunk's answer at once, and a 100 must not overtake it.
            Answer(node, request, inbound, 100, "Trying", output);
        }

        lock (call)
        {
            Track(call);
            var action = call.Call.Start(outgoing, route.Context);
            _callLog.Decided("PBX core", request.Method, inbound.Source, call.Call.Decision);
            Act(call, action, response: default, hasResponse: false);
        }
    }

    private void HandleResponse(SipNode node, SipMessage response, in Inbound inbound)
    {
        // A malformed response is neither handed to the call nor relayed (RFC 3261 §16.7 assumes a well-formed
        // one): dropped, logged, counted, as the proxy role does.
        if (!response.TryValidate(out var invalid))
        {
            _metrics.ResponseDropped(invalid.Code.ToString());
            _badInput.Report(inbound.Source, "malformed response dropped", invalid.GetDescription());
            node.CountDropped();
            return;
        }

        if (!ResponseRelay.TryReadOurVia(response, node, out var branch, out var connectionId))
        {
            _badInput.Report(inbound.Source, "response not for us", Encoding.UTF8.GetString(response.StartLine));
            return;
        }

        if (!CSeqHeader.TryParse(response.GetFirstValue(SipHeaderId.CSeq), out var cseq))
        {
            _badInput.Report(inbound.Source, "response without a readable CSeq", Encoding.UTF8.GetString(response.StartLine));
            return;
        }

        if (_attempts.TryGetValue(branch, out var attempt) && cseq.Method.ToString().Equals(attempt.Method, StringComparison.OrdinalIgnoreCase))
        {
            var call = attempt.Owner;
            lock (call)
            {
                if (!call.Finished)
                {
                    Act(call, call.Call.OnResponse(attempt.Attempt, response), response, hasResponse: true, attempt);
                    return;
                }
            }
        }

        // Responses to CANCEL and to in-dialog requests: relayed with the CSeq number the caller used.
        uint? restore = null;
        if (_shiftedRequests.TryGetValue(branch, out var shifted))
        {
            restore = shifted.UpstreamCSeq;
            if (response.StatusCode >= 200)
            {
                _shiftedRequests.TryRemove(branch, out _);
            }
        }
        else if (attempt is not null && attempt.Offset > 0)
        {
            // The trunk's answer to a CANCEL that followed a challenged INVITE.
            restore = cseq.Number - attempt.Offset;
        }

        Relay(node, response, connectionId, restore, inbound);
    }

    /// <summary>Does what the trunk call says after an event.</summary>
    private void Act(PbxCoreCall call, TrunkCallAction action, SipMessage response, bool hasResponse, TrunkAttempt? answered = null)
    {
        var trunk = call.Call;
        var finalResponse = hasResponse && response.StatusCode >= 300;
        switch (action)
        {
            case TrunkCallAction.Send:
                if (finalResponse)
                {
                    // A challenge or a failover status ends its transaction: acknowledge it (RFC 3261 §17.1.1.3).
                    SendAck(call.Node, response, answered!);
                    if (response.StatusCode is 401 or 407)
                    {
                        LogChallengeAnswered(answered!.Destination, response.StatusCode);
                    }
                    else
                    {
                        LogFailedOver(answered!.Destination, response.StatusCode, trunk.RouteName ?? "");
                    }
                }

                SendAttempt(call);
                break;
            case TrunkCallAction.Relay:
                if (finalResponse)
                {
                    // This element holds the INVITE's client transaction: it acknowledges the trunk's final
                    // answer itself and absorbs the caller's ACK for it.
                    SendAck(call.Node, response, answered!);
                    RememberAnswered(call.UpstreamBranch);
                }

                if (!ResponseRelay.TryReadOurVia(response, call.Node, out _, out var connectionId))
                {
                    connectionId = call.Upstream.ConnectionId;
                }

                Relay(call.Node, response, connectionId, trunk.CSeqOffset > 0 && CSeqHeader.TryParse(response.GetFirstValue(SipHeaderId.CSeq), out var cseq) ? cseq.Number - trunk.CSeqOffset : null, call.Upstream);
                if (response.StatusCode >= 200)
                {
                    if (trunk.State == TrunkCallState.Established && answered!.Method == "INVITE")
                    {
                        call.Expires = _time.GetUtcNow() + EstablishedLifetime;
                    }
                    else
                    {
                        Finish(call);
                    }
                }

                break;
            case TrunkCallAction.Answer:
                if (finalResponse)
                {
                    SendAck(call.Node, response, answered!);
                }

                LogAnswered(SipMethod.Invite, call.Upstream.Source, trunk.AnswerStatus);
                AnswerCaller(call, trunk.AnswerStatus, trunk.AnswerReason!);
                Finish(call);
                break;
            case TrunkCallAction.CloseStrayDialog:
                CloseStrayDialog(call.Node, response, answered!);
                break;
        }
    }

    private void SendAttempt(PbxCoreCall call)
    {
        var trunk = call.Call;
        var index = new SipMessageIndex();
        if (!_resolver.TryResolveNextHop(trunk.Target, out var destination)
            || SipParser.TryParseDatagram(trunk.Request, index, out var request) != OperationStatus.Done
            || !CSeqHeader.TryParse(request.GetFirstValue(SipHeaderId.CSeq), out var cseq))
        {
            LogUnroutable(call.Upstream.Source, Encoding.UTF8.GetString(trunk.Target));
            trunk.End();
            AnswerCaller(call, 503, "Service Unavailable (trunk does not resolve)");
            Finish(call);
            return;
        }

        var branch = call.UpstreamBranch + "." + trunk.Attempt.ToString(CultureInfo.InvariantCulture);
        var attempt = new TrunkAttempt(call, trunk.Attempt, branch, destination, request.RequestUri.ToArray(), cseq.Number, trunk.CSeqOffset, Encoding.ASCII.GetString(request.MethodBytes));
        call.Current = attempt;
        call.Branches.Add(branch);
        _attempts[branch] = attempt;
        if (trunk.CSeqOffset > 0)
        {
            _cseqShifts[call.CallId] = new CallShift(trunk.CSeqOffset, _time.GetUtcNow() + EstablishedLifetime);
        }
        else
        {
            _cseqShifts.TryRemove(call.CallId, out _);
        }

        LogForwarded(SipMethod.Invite, call.Upstream.Source, destination, trunk.RouteName ?? "");
        var edits = new ForwardEdits(call.Node.SentBy, branch) { ConnectionId = call.Upstream.ConnectionId, ExtraHeaders = RecordRoute(call.Node), FromTag = call.FromTag };
        var output = new ArrayBufferWriter<byte>(trunk.Request.Length + 512);
        if (RequestForwarder.TryBuild(request, edits, call.Upstream.Source, output))
        {
            call.Node.SendDatagram(output.WrittenSpan, destination);
        }
    }

    private void OnResponseTimedOut(TrunkCall trunk)
    {
        if (!_byTrunkCall.TryGetValue(trunk, out var call))
        {
            return;
        }

        lock (call)
        {
            if (call.Finished)
            {
                return;
            }

            var timedOut = call.Current;
            var action = trunk.OnResponseTimeout();
            if (action != TrunkCallAction.None && timedOut is not null)
            {
                LogTimedOut(timedOut.Destination, action == TrunkCallAction.Send ? trunk.RouteName ?? "" : "(none left)");
            }

            Act(call, action, response: default, hasResponse: false);
        }
    }

    private void Cancel(SipNode node, SipMessage request, in Inbound inbound, PbxCoreCall call, ArrayBufferWriter<byte> output)
    {
        lock (call)
        {
            if (!call.Finished && call.Call.OnCancel() == TrunkCallAction.Cancel && call.Current is { } attempt)
            {
                // The CANCEL follows the INVITE as it now is (after a challenge: its new branch and CSeq).
                var edits = new ForwardEdits(node.SentBy, attempt.Branch) { RequestUri = attempt.RequestUri, CSeqNumber = attempt.CSeq, ConnectionId = inbound.ConnectionId };
                SendForwarded(node, request, inbound, attempt.Destination, edits, output);
                return;
            }
        }

        // Nothing left to cancel (the call was answered meanwhile): the CANCEL itself succeeds (RFC 3261 §9.2).
        Answer(node, request, inbound, 200, "OK", output);
    }

    private void ForwardInDialog(SipNode node, SipMessage request, in Inbound inbound, string upstreamBranch, string callId, ArrayBufferWriter<byte> output)
    {
        if (!TryChooseInDialogHop(node, request, out var destination))
        {
            LogUnroutable(inbound.Source, Encoding.UTF8.GetString(request.RequestUri));
            if (request.Method != SipMethod.Ack)
            {
                Answer(node, request, inbound, 503, "Service Unavailable (next hop does not resolve)", output);
            }

            return;
        }

        _byCallId.TryGetValue(callId, out var call);
        var fromCaller = call is null || call.Upstream.Source.Equals(inbound.Source);
        uint? shifted = null;
        if (fromCaller && _cseqShifts.TryGetValue(callId, out var shift) && CSeqHeader.TryParse(request.GetFirstValue(SipHeaderId.CSeq), out var cseq))
        {
            // The trunk saw the caller's CSeq numbers raised by the challenges answered.
            shifted = cseq.Number + shift.By;
            if (request.Method != SipMethod.Ack)
            {
                _shiftedRequests[upstreamBranch] = new Shifted(cseq.Number, _time.GetUtcNow() + Lifetime);
            }
        }

        SendForwarded(node, request, inbound, destination, new ForwardEdits(node.SentBy, upstreamBranch) { ConnectionId = inbound.ConnectionId, CSeqNumber = shifted }, output);
        if (request.Method == SipMethod.Bye && call is not null)
        {
            // Either side hung up: the call's session ends.
            lock (call)
            {
                if (!call.Finished)
                {
                    call.Call.End();
                    Finish(call);
                }
            }
        }
    }

    private bool TryChooseInDialogHop(SipNode node, SipMessage request, out IPEndPoint destination)
    {
        // Skip our own Record-Route entry, follow the next Route if any, else the Request-URI.
        foreach (var route in request.EnumerateValues(SipHeaderId.Route))
        {
            if (NameAddress.TryParse(route, out var address) && _resolver.TryResolveNextHop(address.AddrSpec, out destination)
                && !destination.Equals(node.LocalEndPoint))
            {
                return true;
            }
        }

        return _resolver.TryResolveNextHop(request.RequestUri, out destination);
    }

    private void Relay(SipNode node, SipMessage response, long connectionId, uint? restore, in Inbound inbound)
    {
        var output = new ArrayBufferWriter<byte>(response.Span.Length + 64);
        if (!ResponseRelay.TryForward(response, node, connectionId, _resolver, restore, output, out var problem))
        {
            _badInput.Report(inbound.Source, "response not routable", problem);
        }
    }

    private void AnswerCaller(PbxCoreCall call, int status, string reason)
    {
        var index = new SipMessageIndex();
        if (SipParser.TryParseDatagram(call.CallerRequest, index, out var request) == OperationStatus.Done)
        {
            Answer(call.Node, request, call.Upstream, status, reason, new ArrayBufferWriter<byte>(1024));
            RememberAnswered(call.UpstreamBranch);
        }
    }

    private static void SendAck(SipNode node, SipMessage response, TrunkAttempt attempt)
    {
        // RFC 3261 §17.1.1.3: same Request-URI, branch and CSeq number as the request, To from the response.
        var ack = new StringBuilder(512);
        ack.Append("ACK ").Append(Encoding.UTF8.GetString(attempt.RequestUri)).Append(" SIP/2.0\r\n");
        ack.Append("Via: SIP/2.0/UDP ").Append(node.SentBy).Append(";branch=").Append(attempt.Branch).Append("\r\n");
        AppendDialogHeaders(ack, response, attempt.Owner.CallId);
        ack.Append("CSeq: ").Append(attempt.CSeq.ToString(CultureInfo.InvariantCulture)).Append(" ACK\r\n");
        ack.Append("Content-Length: 0\r\n\r\n");
        node.SendDatagram(Encoding.UTF8.GetBytes(ack.ToString()), attempt.Destination);
    }

    /// <summary>A 2xx from a trunk the call had moved on from: acknowledge it and hang that dialog up at once.</summary>
    private void CloseStrayDialog(SipNode node, SipMessage response, TrunkAttempt attempt)
    {
        var target = NameAddress.TryParse(response.GetFirstValue(SipHeaderId.Contact), out var contact)
            ? Encoding.UTF8.GetString(contact.AddrSpec)
            : Encoding.UTF8.GetString(attempt.RequestUri);
        var destination = _resolver.TryResolveNextHop(Encoding.UTF8.GetBytes(target), out var contactEndPoint) ? contactEndPoint : attempt.Destination;
        foreach (var (method, number) in (ReadOnlySpan<(string, uint)>)[("ACK", attempt.CSeq), ("BYE", attempt.CSeq + 1)])
        {
            var request = new StringBuilder(512);
            request.Append(method).Append(' ').Append(target).Append(" SIP/2.0\r\n");
            request.Append("Via: SIP/2.0/UDP ").Append(node.SentBy).Append(";branch=").Append(attempt.Branch).Append('.').Append(method).Append("\r\n");
            AppendDialogHeaders(request, response, attempt.Owner.CallId);
            request.Append("CSeq: ").Append(number.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(method).Append("\r\n");
            request.Append("Content-Length: 0\r\n\r\n");
            node.SendDatagram(Encoding.UTF8.GetBytes(request.ToString()), destination);
        }

        LogStrayDialog(attempt.Destination);
    }

    private static void AppendDialogHeaders(StringBuilder request, SipMessage response, string callId)
    {
        request.Append("Max-Forwards: 70\r\n");
        request.Append("From: ").Append(Encoding.UTF8.GetString(response.GetFirstValue(SipHeaderId.From))).Append("\r\n");
        request.Append("To: ").Append(Encoding.UTF8.GetString(response.GetFirstValue(SipHeaderId.To))).Append("\r\n");
        request.Append("Call-ID: ").Append(callId).Append("\r\n");
    }

    private static void SendForwarded(SipNode node, SipMessage request, in Inbound inbound, IPEndPoint destination, in ForwardEdits edits, ArrayBufferWriter<byte> output)
    {
        output.ResetWrittenCount();
        if (RequestForwarder.TryBuild(request, edits, inbound.Source, output))
        {
            node.SendDatagram(output.WrittenSpan, destination);
        }
    }

    private static void Answer(SipNode node, SipMessage request, in Inbound inbound, int status, string reason, ArrayBufferWriter<byte> output)
    {
        if (request.Method == SipMethod.Ack)
        {
            return;
        }

        output.ResetWrittenCount();
        if (ResponseFactory.TryBuild(request, status, reason, inbound.Source, output))
        {
            node.Reply(inbound, output.WrittenSpan, inbound.Source);
        }
    }

    private static bool IsInDialog(SipMessage request) =>
        NameAddress.TryParse(request.GetFirstValue(SipHeaderId.To), out var to) && to.Parameters.Contains("tag"u8);

    private static string RecordRoute(SipNode node) => $"Record-Route: <sip:{node.SentBy};lr>\r\n";

    private void Track(PbxCoreCall call)
    {
        if (_byUpstreamBranch.Count >= Capacity)
        {
            Expire();
        }

        _byUpstreamBranch[call.UpstreamBranch] = call;
        _byCallId[call.CallId] = call;
        _byTrunkCall[call.Call] = call;
    }

    private void RememberAnswered(string upstreamBranch)
    {
        if (_answeredBranches.Count >= Capacity)
        {
            Expire();
        }

        _answeredBranches[upstreamBranch] = _time.GetUtcNow() + Lifetime;
    }

    /// <summary>Forgets a finished call and gives its <see cref="TrunkCall"/> back (its session, if still held, ends). Call under the call's lock.</summary>
    private void Finish(PbxCoreCall call)
    {
        if (call.Finished)
        {
            return;
        }

        call.Finished = true;
        _byUpstreamBranch.TryRemove(new KeyValuePair<string, PbxCoreCall>(call.UpstreamBranch, call));
        _byCallId.TryRemove(new KeyValuePair<string, PbxCoreCall>(call.CallId, call));
        _byTrunkCall.TryRemove(new KeyValuePair<TrunkCall, PbxCoreCall>(call.Call, call));
        foreach (var branch in call.Branches)
        {
            _attempts.TryRemove(branch, out _);
        }

        call.Call.Dispose();
    }

    private void Expire()
    {
        var now = _time.GetUtcNow();
        foreach (var entry in _byUpstreamBranch)
        {
            if (entry.Value.Expires <= now)
            {
                lock (entry.Value)
                {
                    Finish(entry.Value);
                }
            }
        }

        foreach (var entry in _cseqShifts)
        {
            if (entry.Value.Expires <= now)
            {
                _cseqShifts.TryRemove(entry.Key, out _);
            }
        }

        foreach (var entry in _shiftedRequests)
        {
            if (entry.Value.Expires <= now)
            {
                _shiftedRequests.TryRemove(entry.Key, out _);
            }
        }

        foreach (var entry in _answeredBranches)
        {
            if (entry.Value <= now)
            {
                _answeredBranches.TryRemove(entry.Key, out _);
            }
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Debug, Message = "PBX core: {Method} from {Source} sent to trunk {Destination} (route {Route})")]
    private partial void LogForwarded(SipMethod method, IPEndPoint source, IPEndPoint destination, string route);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "PBX core: {Method} from {Source} answered {Status}")]
    private partial void LogAnswered(SipMethod method, IPEndPoint source, int status);

    [LoggerMessage(EventId = 22, Level = LogLevel.Debug, Message = "PBX core: trunk {Trunk} challenged with {Status}; re-sent with credentials")]
    private partial void LogChallengeAnswered(IPEndPoint trunk, int status);

    [LoggerMessage(EventId = 23, Level = LogLevel.Information, Message = "PBX core: trunk {Trunk} answered {Status}; failed over to route {Route}")]
    private partial void LogFailedOver(IPEndPoint trunk, int status, string route);

    [LoggerMessage(EventId = 24, Level = LogLevel.Warning, Message = "PBX core: request from {Source}: next hop {NextHop} does not resolve")]
    private partial void LogUnroutable(IPEndPoint source, string nextHop);

    [LoggerMessage(EventId = 25, Level = LogLevel.Information, Message = "PBX core: trunk {Trunk} did not answer in time; next: {Route}")]
    private partial void LogTimedOut(IPEndPoint trunk, string route);

    [LoggerMessage(EventId = 26, Level = LogLevel.Information, Message = "PBX core: trunk {Trunk} answered after its timeout; that dialog is closed")]
    private partial void LogStrayDialog(IPEndPoint trunk);

    private sealed record CallShift(uint By, DateTimeOffset Expires);

    private sealed record Shifted(uint UpstreamCSeq, DateTimeOffset Expires);
}
