using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using AlwaysConnected.Routing;
using AlwaysConnected.Routing.Ars.Authentication;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.SipProxy.Proxy;
using AlwaysConnected.SipProxy.Transport;
using Microsoft.Extensions.Logging;

namespace AlwaysConnected.SipProxy.PbxCore;

/// <summary>
/// The PBX core role's transport side: a new request is routed by <see cref="IPbxCoreRouter"/> (ARS) and
/// forwarded to the trunk with a Record-Route (so the dialog's ACK and BYE come back through here); a trunk
/// 401/407 is ACKed and answered by re-sending with CSeq+1 and digest credentials; responses are relayed
/// upstream with the CSeq number upstream used. In-dialog requests of an authenticated call get the same
/// CSeq shift. Transaction state is bounded and expires (64 s).
/// </summary>
internal sealed partial class PbxCoreRelay(
    IPbxCoreRouter router,
    HostResolver resolver,
    BadInputLimiter badInput,
    TimeProvider time,
    ILogger<PbxCoreRelay> logger) : ISipMessageHandler
{
    private const int Capacity = 50_000;
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(64);
    private static readonly string Salt = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
    private readonly ConcurrentDictionary<string, ClientTransaction> _byBranch = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ClientTransaction> _byUpstreamBranch = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CallShift> _cseqShifts = new(StringComparer.Ordinal);
    private readonly DigestAuthenticator _authenticator = new();

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
            badInput.Report(inbound.Source, "request without a readable Via", Encoding.UTF8.GetString(request.StartLine));
            return;
        }

        var upstreamBranch = SipText.DeriveBranch(request, topVia, Salt);
        var callId = Encoding.UTF8.GetString(request.GetFirstValue(SipHeaderId.CallId));
        var output = new ArrayBufferWriter<byte>(4096);
        if (SipText.ReadMaxForwards(request) <= 0)
        {
            Answer(node, request, inbound, 483, null, output);
            return;
        }

        if (request.Method == SipMethod.Cancel && _byUpstreamBranch.TryGetValue(upstreamBranch, out var invite))
        {
            // The CANCEL follows the INVITE as it now is (after a challenge: its new branch and CSeq).
            var edits = new ForwardEdits(node.SentBy, invite.Branch) { RequestUri = invite.RequestUri, CSeqNumber = invite.SentCSeq, ConnectionId = inbound.ConnectionId };
            SendForwarded(node, request, inbound, invite.Destination, edits, output);
            return;
        }

        if (IsInDialog(request) || request.Method is SipMethod.Ack or SipMethod.Cancel)
        {
            ForwardInDialog(node, request, inbound, upstreamBranch, callId, output);
            return;
        }

        if (request.Method == SipMethod.Invite && _byUpstreamBranch.ContainsKey(upstreamBranch))
        {
            // A retransmission of an INVITE already on its way to the trunk: forwarding it again would
            // re-open a transaction the challenge already closed. Answer 100 again so the caller stops.
            Answer(node, request, inbound, 100, "Trying", output);
            return;
        }

        var rewrittenBuffer = new ArrayBufferWriter<byte>(4096);
        var route = router.Route(request, new RoutingContext(inbound.Source, inbound.Transport), rewrittenBuffer);
        if (!route.Forward)
        {
            LogAnswered(request.Method, inbound.Source, route.StatusCode);
            Answer(node, request, inbound, route.StatusCode, route.ReasonPhrase, output);
            return;
        }

        var index = new SipMessageIndex();
        if (SipParser.TryParseDatagram(rewrittenBuffer.WrittenSpan, index, out var rewritten) != SipParseStatus.Success
            || !resolver.TryResolveNextHop(Encoding.UTF8.GetBytes(route.Target!), out var destination)
            || !CSeqHeader.TryParse(rewritten.GetFirstValue(SipHeaderId.CSeq), out var cseq))
        {
            LogUnroutable(inbound.Source, route.Target ?? "(none)");
            Answer(node, request, inbound, 503, "Service Unavailable (trunk does not resolve)", output);
            return;
        }

        var branch = upstreamBranch;
        var transaction = new ClientTransaction(
            branch, upstreamBranch, callId, destination, rewrittenBuffer.WrittenSpan.ToArray(), rewritten.RequestUri.ToArray(),
            inbound, cseq.Number, cseq.Number, route.Credentials, Authenticated: false, time.GetUtcNow() + Lifetime)
        {
            FromTag = RequestForwarder.ReadFromTag(request),
        };
        Remember(transaction);
        LogForwarded(request.Method, inbound.Source, destination);
        var forwardEdits = new ForwardEdits(node.SentBy, branch) { ConnectionId = inbound.ConnectionId, ExtraHeaders = RecordRoute(node), FromTag = transaction.FromTag };
        SendForwarded(node, rewritten, inbound, destination, forwardEdits, output);
        if (request.Method == SipMethod.Invite)
        {
            // The PBX core keeps the INVITE's state (it answers the trunk's challenge): a 100 Trying
            // stops the caller's retransmissions (RFC 3261 §17.1.1.2).
            Answer(node, request, inbound, 100, "Trying", output);
        }
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

        uint? shifted = null;
        if (_cseqShifts.TryGetValue(callId, out var shift) && CSeqHeader.TryParse(request.GetFirstValue(SipHeaderId.CSeq), out var cseq))
        {
            shifted = cseq.Number + shift.By;
            if (request.Method != SipMethod.Ack)
            {
                // Remember the original number so the response goes back with it.
                Remember(new ClientTransaction(upstreamBranch, upstreamBranch, callId, destination, [], request.RequestUri.ToArray(), inbound,
                    cseq.Number, shifted.Value, null, Authenticated: true, time.GetUtcNow() + Lifetime));
            }
        }

        SendForwarded(node, request, inbound, destination, new ForwardEdits(node.SentBy, upstreamBranch) { ConnectionId = inbound.ConnectionId, CSeqNumber = shifted }, output);
    }

    private bool TryChooseInDialogHop(SipNode node, SipMessage request, out IPEndPoint destination)
    {
        // Skip our own Record-Route entry, follow the next Route if any, else the Request-URI.
        foreach (var route in request.EnumerateValues(SipHeaderId.Route))
        {
            if (NameAddress.TryParse(route, out var address) && resolver.TryResolveNextHop(address.AddrSpec, out destination)
                && !destination.Equals(node.LocalEndPoint))
            {
                return true;
            }
        }

        return resolver.TryResolveNextHop(request.RequestUri, out destination);
    }

    private void HandleResponse(SipNode node, SipMessage response, in Inbound inbound)
    {
        if (!ResponseRelay.TryReadOurVia(response, node, out var branch, out var connectionId))
        {
            badInput.Report(inbound.Source, "response not for us", Encoding.UTF8.GetString(response.StartLine));
            return;
        }

        _byBranch.TryGetValue(branch, out var transaction);
        if (transaction is not null && response.StatusCode is 401 or 407 && transaction.Credentials is not null && !transaction.Authenticated
            && CSeqHeader.TryParse(response.GetFirstValue(SipHeaderId.CSeq), out var cseq) && cseq.Method == SipMethod.Invite)
        {
            if (TryAnswerChallenge(node, response, transaction))
            {
                return;
            }
        }

        uint? restore = transaction is not null && transaction.SentCSeq != transaction.UpstreamCSeq ? transaction.UpstreamCSeq : null;
        var output = new ArrayBufferWriter<byte>(4096);
        if (!ResponseRelay.TryForward(response, node, connectionId, resolver, restore, output, out var problem))
        {
            badInput.Report(inbound.Source, "response not routable", problem);
        }
    }

    private bool TryAnswerChallenge(SipNode node, SipMessage challengeResponse, ClientTransaction transaction)
    {
        var isProxy = challengeResponse.StatusCode == 407;
        var challengeValue = challengeResponse.GetFirstValue(isProxy ? SipHeaderId.ProxyAuthenticate : SipHeaderId.WwwAuthenticate);
        if (!DigestChallenge.TryParse(Encoding.UTF8.GetString(challengeValue), out var challenge, out var error))
        {
            LogBadChallenge(transaction.Destination, error.ToString());
            return false;
        }

        // The challenge ends its transaction: ACK it (RFC 3261 §17.1.1.3), then try again with credentials.
        SendAck(node, challengeResponse, transaction);

        var index = new SipMessageIndex();
        if (SipParser.TryParseDatagram(transaction.Request, index, out var original) != SipParseStatus.Success)
        {
            return false;
        }

        var authorization = _authenticator.CreateAuthorization(
            challenge, transaction.Credentials!, "INVITE", Encoding.UTF8.GetString(transaction.RequestUri), original.Body);
        var retry = transaction with
        {
            Branch = transaction.Branch + "a",
            SentCSeq = transaction.SentCSeq + 1,
            Authenticated = true,
            Expires = time.GetUtcNow() + Lifetime,
        };
        Remember(retry);
        _cseqShifts[transaction.CallId] = new CallShift(retry.SentCSeq - retry.UpstreamCSeq, retry.Expires);
        var extra = RecordRoute(node) + (isProxy ? "Proxy-Authorization: " : "Authorization: ") + authorization + "\r\n";
        var edits = new ForwardEdits(node.SentBy, retry.Branch) { ConnectionId = transaction.Upstream.ConnectionId, ExtraHeaders = extra, CSeqNumber = retry.SentCSeq, FromTag = retry.FromTag };
        LogChallengeAnswered(transaction.Destination, challengeResponse.StatusCode);
        SendForwarded(node, original, transaction.Upstream, transaction.Destination, edits, new ArrayBufferWriter<byte>(4096));
        return true;
    }

    private static void SendAck(SipNode node, SipMessage response, ClientTransaction transaction)
    {
        var ack = new StringBuilder(512);
        ack.Append("ACK ").Append(Encoding.UTF8.GetString(transaction.RequestUri)).Append(" SIP/2.0\r\n");
        ack.Append("Via: SIP/2.0/UDP ").Append(node.SentBy).Append(";branch=").Append(transaction.Branch).Append("\r\n");
        ack.Append("Max-Forwards: 70\r\n");
        ack.Append("From: ").Append(Encoding.UTF8.GetString(response.GetFirstValue(SipHeaderId.From))).Append("\r\n");
        ack.Append("To: ").Append(Encoding.UTF8.GetString(response.GetFirstValue(SipHeaderId.To))).Append("\r\n");
        ack.Append("Call-ID: ").Append(transaction.CallId).Append("\r\n");
        ack.Append("CSeq: ").Append(transaction.SentCSeq.ToString(CultureInfo.InvariantCulture)).Append(" ACK\r\n");
        ack.Append("Content-Length: 0\r\n\r\n");
        node.SendDatagram(Encoding.UTF8.GetBytes(ack.ToString()), transaction.Destination);
    }

    private void SendForwarded(SipNode node, SipMessage request, in Inbound inbound, IPEndPoint destination, in ForwardEdits edits, ArrayBufferWriter<byte> output)
    {
        output.ResetWrittenCount();
        if (RequestForwarder.TryBuild(request, edits, inbound.Source, output))
        {
            node.SendDatagram(output.WrittenSpan, destination);
        }
    }

    private static void Answer(SipNode node, SipMessage request, in Inbound inbound, int status, string? reason, ArrayBufferWriter<byte> output)
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

    private void Remember(ClientTransaction transaction)
    {
        if (_byBranch.Count >= Capacity)
        {
            Expire();
        }

        _byBranch[transaction.Branch] = transaction;
        _byUpstreamBranch[transaction.UpstreamBranch] = transaction;
    }

    private void Expire()
    {
        var now = time.GetUtcNow();
        foreach (var entry in _byBranch)
        {
            if (entry.Value.Expires <= now)
            {
                _byBranch.TryRemove(entry.Key, out _);
                _byUpstreamBranch.TryRemove(entry.Value.UpstreamBranch, out _);
            }
        }

        foreach (var entry in _cseqShifts)
        {
            if (entry.Value.Expires <= now)
            {
                _cseqShifts.TryRemove(entry.Key, out _);
            }
        }

        if (_byBranch.Count >= Capacity)
        {
            _byBranch.Clear();
            _byUpstreamBranch.Clear();
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Debug, Message = "PBX core: {Method} from {Source} forwarded to trunk {Destination}")]
    private partial void LogForwarded(SipMethod method, IPEndPoint source, IPEndPoint destination);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "PBX core: {Method} from {Source} answered {Status}")]
    private partial void LogAnswered(SipMethod method, IPEndPoint source, int status);

    [LoggerMessage(EventId = 22, Level = LogLevel.Debug, Message = "PBX core: trunk {Trunk} challenged with {Status}; re-sent with credentials")]
    private partial void LogChallengeAnswered(IPEndPoint trunk, int status);

    [LoggerMessage(EventId = 23, Level = LogLevel.Warning, Message = "PBX core: trunk {Trunk} sent an unusable challenge: {Error}")]
    private partial void LogBadChallenge(IPEndPoint trunk, string error);

    [LoggerMessage(EventId = 24, Level = LogLevel.Warning, Message = "PBX core: request from {Source}: next hop {NextHop} does not resolve")]
    private partial void LogUnroutable(IPEndPoint source, string nextHop);

    private sealed record ClientTransaction(
        string Branch,
        string UpstreamBranch,
        string CallId,
        IPEndPoint Destination,
        byte[] Request,
        byte[] RequestUri,
        Inbound Upstream,
        uint UpstreamCSeq,
        uint SentCSeq,
        DigestCredentials? Credentials,
        bool Authenticated,
        DateTimeOffset Expires)
    {
        public string? FromTag { get; init; }
    }

    private sealed record CallShift(uint By, DateTimeOffset Expires);
}
