using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using AlwaysConnected.Routing;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.SipProxy.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AlwaysConnected.SipProxy.Proxy;

/// <summary>
/// Tries the next hops of a <c>$target</c> failover list in order for an INVITE: the first hop that resolves
/// gets it; a 503 from it, or no response at all within <see cref="SipProxyOptions.NextHopTimeoutMilliseconds"/>,
/// sends the INVITE on to the next hop with a new branch (the 503 is ACKed here, not relayed). Any other
/// response is relayed as usual; the last hop's 503 reaches the caller; no response from the last hop is
/// answered 408.
/// </summary>
/// <remarks>
/// This is the only state the otherwise stateless proxy keeps for a list: per INVITE, the rewritten request and
/// the resolved hops, so retransmissions, the CANCEL and the ACK of a final answer follow the hop now tried.
/// Bounded (<see cref="Capacity"/> INVITEs) and expiring (RFC 3261 Timer B, 32 s). Single-hop targets never get here.
/// </remarks>
internal sealed partial class NextHopFailover(
    HostResolver resolver,
    TimeProvider time,
    ProxyMetrics metrics,
    IOptions<SipProxyOptions> options,
    ILogger<NextHopFailover> logger)
{
    private const int Capacity = 10_000;
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(32);
    private readonly ConcurrentDictionary<string, Attempt> _byUpstreamBranch = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Attempt> _byBranch = new(StringComparer.Ordinal);

    /// <summary>Whether any INVITE is being tried down a list (a cheap test, so other requests pay nothing).</summary>
    public bool HasAttempts => !_byUpstreamBranch.IsEmpty;

    /// <summary>Whether the decision's target is a list this class should drive (more than one entry).</summary>
    public static bool AppliesTo(RoutingDecision decision, SipMethod method)
    {
        if (method != SipMethod.Invite || !decision.HasTarget)
        {
            return false;
        }

        var hops = decision.NextHops.GetEnumerator();
        return hops.MoveNext() && hops.MoveNext();
    }

    /// <summary>Resolves the list and sends the INVITE to the first hop that resolves; false when none does.</summary>
    public bool TryStart(SipNode node, SipMessage rewritten, RoutingDecision decision, in Inbound inbound, string upstreamBranch, in ForwardEdits edits)
    {
        var hops = new List<IPEndPoint>(4);
        foreach (var hop in decision.NextHops)
        {
            if (hop.TryGetEndPoint(resolver, out var endPoint) && !endPoint.Equals(node.LocalEndPoint))
            {
                hops.Add(endPoint);
            }
            else
            {
                LogHopSkipped(hop.ToString(), hop.IsValid ? "does not resolve" : hop.Error.ToString());
            }
        }

        if (hops.Count == 0)
        {
            return false;
        }

        Sweep();
        var attempt = new Attempt(upstreamBranch, rewritten.Span.ToArray(), [.. hops], inbound, edits, time.GetUtcNow() + Lifetime);
        if (!_byUpstreamBranch.TryAdd(upstreamBranch, attempt))
        {
            return TryRetransmit(node, upstreamBranch);
        }

        lock (attempt)
        {
            SendToCurrent(node, attempt);
        }

        return true;
    }

    /// <summary>
    /// A request of an INVITE transaction this class drives (a retransmission, its CANCEL, the ACK of its final
    /// answer): sent to the hop now tried, with that hop's branch. False when the transaction is not one of ours.
    /// </summary>
    public bool TryForwardWithin(SipNode node, SipMessage request, in Inbound inbound, string upstreamBranch)
    {
        if (!_byUpstreamBranch.TryGetValue(upstreamBranch, out var attempt) || attempt.Expires <= time.GetUtcNow())
        {
            return false;
        }

        if (request.Method == SipMethod.Invite)
        {
            return TryRetransmit(node, upstreamBranch);
        }

        lock (attempt)
        {
            if (request.Method == SipMethod.Cancel && attempt.Final)
            {
                return true; // nothing left to cancel; the final answer is on its way
            }

            if (request.Method == SipMethod.Cancel)
            {
                attempt.Cancelled = true;
                attempt.Timer?.Dispose();
            }

            var output = new ArrayBufferWriter<byte>(1024);
            var requestUri = ParsedRequestUri(attempt);
            var edits = attempt.Edits with { Branch = attempt.CurrentBranch, RequestUri = requestUri, FromTag = null, ConnectionId = inbound.ConnectionId };
            if (RequestForwarder.TryBuild(request, edits, inbound.Source, output))
            {
                node.SendDatagram(output.WrittenSpan, attempt.Current);
            }
        }

        return true;
    }

    /// <summary>
    /// A response to one of the INVITEs this class sent. Returns true when it is consumed here (a 503 with a hop
    /// left: ACKed and the next hop tried; an answer from a hop already given up on: dropped); false when the
    /// proxy relays it as usual.
    /// </summary>
    public bool TryConsumeResponse(SipNode node, SipMessage response)
    {
        if (!response.TryGetValue(SipHeaderId.Via, 0, out var top) || !ViaHeader.TryParse(top, out var via)
            || !_byBranch.TryGetValue(Encoding.ASCII.GetString(via.Branch), out var attempt))
        {
            return false;
        }

        var branch = Encoding.ASCII.GetString(via.Branch);
        lock (attempt)
        {
            if (!string.Equals(branch, attempt.CurrentBranch, StringComparison.Ordinal))
            {
                LogLateResponse(response.StatusCode, branch);
                return true;
            }

            attempt.Timer?.Dispose();
            attempt.Timer = null;
            if (response.StatusCode < 200)
            {
                return false;
            }

            if (response.StatusCode == 503 && !attempt.Cancelled && attempt.Index + 1 < attempt.Hops.Length)
            {
                SendAck(node, attempt, response);
                metrics.NextHopFailedOver("503");
                LogFailover(attempt.Current, "503", attempt.Hops[attempt.Index + 1]);
                attempt.Index++;
                SendToCurrent(node, attempt);
                return true;
            }

            attempt.Final = true;
            return false;
        }
    }

    private bool TryRetransmit(SipNode node, string upstreamBranch)
    {
        if (_byUpstreamBranch.TryGetValue(upstreamBranch, out var attempt))
        {
            lock (attempt)
            {
                if (!attempt.Final && attempt.LastSent is { } bytes)
                {
                    node.SendDatagram(bytes, attempt.Current);
                }
            }
        }

        return true;
    }

    /// <summary>Sends the INVITE to the hop at <see cref="Attempt.Index"/> with its own branch and arms its timeout. Called under the attempt's lock.</summary>
    private void SendToCurrent(SipNode node, Attempt attempt)
    {
        var branch = attempt.Index == 0 ? attempt.UpstreamBranch : attempt.UpstreamBranch + "." + attempt.Index.ToString(CultureInfo.InvariantCulture);
        attempt.CurrentBranch = branch;
        _byBranch[branch] = attempt;
        var index = new SipMessageIndex();
        var output = new ArrayBufferWriter<byte>(attempt.Request.Length + 256);
        if (SipParser.TryParseDatagram(attempt.Request, index, out var request) != OperationStatus.Done
            || !RequestForwarder.TryBuild(request, attempt.Edits with { Branch = branch }, attempt.Inbound.Source, output))
        {
            attempt.Final = true;
            return;
        }

        attempt.LastSent = output.WrittenSpan.ToArray();
        node.SendDatagram(attempt.LastSent, attempt.Current);
        attempt.Timer?.Dispose();
        attempt.Timer = time.CreateTimer(_ => OnTimeout(node, attempt, branch), null, TimeSpan.FromMilliseconds(Math.Max(1, options.Value.NextHopTimeoutMilliseconds)), Timeout.InfiniteTimeSpan);
    }

    private void OnTimeout(SipNode node, Attempt attempt, string branch)
    {
        lock (attempt)
        {
            if (attempt.Final || attempt.Cancelled || !string.Equals(branch, attempt.CurrentBranch, StringComparison.Ordinal))
            {
                return;
            }

            metrics.NextHopFailedOver("timeout");
            if (attempt.Index + 1 < attempt.Hops.Length)
            {
                LogFailover(attempt.Current, "timeout", attempt.Hops[attempt.Index + 1]);
                attempt.Index++;
                SendToCurrent(node, attempt);
                return;
            }

            // Every hop was tried: the caller hears 408 (RFC 3261 §16.7 step 10 / Timer C) rather than waiting for its own Timer B.
            attempt.Final = true;
            attempt.Timer?.Dispose();
            var index = new SipMessageIndex();
            var output = new ArrayBufferWriter<byte>(512);
            if (SipParser.TryParseDatagram(attempt.Request, index, out var request) == OperationStatus.Done
                && ResponseFactory.TryBuild(request, 408, "Request Timeout (no next hop answered)", attempt.Inbound.Source, output))
            {
                node.Reply(attempt.Inbound, output.WrittenSpan, attempt.Inbound.Source);
            }
        }
    }

    /// <summary>ACKs a non-2xx final response hop by hop (RFC 3261 §17.1.1.3): same branch, Request-URI, From, Call-ID and CSeq number; the response's To.</summary>
    private static void SendAck(SipNode node, Attempt attempt, SipMessage response)
    {
        if (attempt.LastSent is not { } sent)
        {
            return;
        }

        var index = new SipMessageIndex();
        if (SipParser.TryParseDatagram(sent, index, out var invite) != OperationStatus.Done
            || !invite.TryGetValue(SipHeaderId.Via, 0, out var via)
            || !CSeqHeader.TryParse(invite.GetFirstValue(SipHeaderId.CSeq), out var cseq))
        {
            return;
        }

        var text = new StringBuilder(512);
        text.Append("ACK ").Append(Encoding.UTF8.GetString(invite.RequestUri)).Append(" SIP/2.0\r\n");
        text.Append("Via: ").Append(Encoding.UTF8.GetString(via)).Append("\r\n");
        text.Append("Max-Forwards: 70\r\n");
        foreach (var route in invite.EnumerateValues(SipHeaderId.Route))
        {
            text.Append("Route: ").Append(Encoding.UTF8.GetString(route)).Append("\r\n");
        }

        text.Append("From: ").Append(Encoding.UTF8.GetString(invite.GetFirstValue(SipHeaderId.From))).Append("\r\n");
        text.Append("To: ").Append(Encoding.UTF8.GetString(response.GetFirstValue(SipHeaderId.To))).Append("\r\n");
        text.Append("Call-ID: ").Append(Encoding.UTF8.GetString(invite.GetFirstValue(SipHeaderId.CallId))).Append("\r\n");
        text.Append("CSeq: ").Append(cseq.Number.ToString(CultureInfo.InvariantCulture)).Append(" ACK\r\n");
        text.Append("Content-Length: 0\r\n\r\n");
        node.SendDatagram(Encoding.UTF8.GetBytes(text.ToString()), attempt.Current);
    }

    private static byte[]? ParsedRequestUri(Attempt attempt)
    {
        var index = new SipMessageIndex();
        return SipParser.TryParseDatagram(attempt.Request, index, out var request) == OperationStatus.Done ? request.RequestUri.ToArray() : null;
    }

    /// <summary>Drops expired attempts; when still full, the oldest go first so the table never grows past its bound.</summary>
    private void Sweep()
    {
        if (_byUpstreamBranch.Count < Capacity / 2)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var (key, attempt) in _byUpstreamBranch)
        {
            if (attempt.Expires <= now || _byUpstreamBranch.Count >= Capacity)
            {
                Forget(key, attempt);
            }
        }
    }

    private void Forget(string upstreamBranch, Attempt attempt)
    {
        _byUpstreamBranch.TryRemove(upstreamBranch, out _);
        lock (attempt)
        {
            attempt.Timer?.Dispose();
            for (var i = 0; i <= attempt.Index; i++)
            {
                _byBranch.TryRemove(i == 0 ? upstreamBranch : upstreamBranch + "." + i.ToString(CultureInfo.InvariantCulture), out _);
            }
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Next hop {Hop} failed ({Why}); trying {Next}")]
    private partial void LogFailover(IPEndPoint hop, string why, IPEndPoint next);

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "Next hop {Hop} skipped: {Why}")]
    private partial void LogHopSkipped(string hop, string why);

    [LoggerMessage(EventId = 32, Level = LogLevel.Information, Message = "Response {Status} from a next hop already given up on (branch {Branch}) dropped")]
    private partial void LogLateResponse(int status, string branch);

    private sealed class Attempt(string upstreamBranch, byte[] request, IPEndPoint[] hops, Inbound inbound, ForwardEdits edits, DateTimeOffset expires)
    {
        public string UpstreamBranch { get; } = upstreamBranch;

        /// <summary>The request as routed (before the proxy's own Via): every hop gets it afresh.</summary>
        public byte[] Request { get; } = request;

        public IPEndPoint[] Hops { get; } = hops;

        public Inbound Inbound { get; } = inbound;

        public ForwardEdits Edits { get; } = edits;

        public DateTimeOffset Expires { get; } = expires;

        public int Index { get; set; }

        public IPEndPoint Current => Hops[Index];

        public string CurrentBranch { get; set; } = upstreamBranch;

        public byte[]? LastSent { get; set; }

        public ITimer? Timer { get; set; }

        public bool Final { get; set; }

        public bool Cancelled { get; set; }
    }
}
