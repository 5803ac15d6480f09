// Kept in one file (about 580 lines) on purpose: one call's state machine (start, responses, challenge,
// timeout, failover, cancel, end), all under one lock and one session that must be given back exactly once;
// keeping every transition in one place is what makes that guarantee checkable by reading.

using System.Buffers;
using System.Text;
using AlwaysConnected.Routing.Ars.Authentication;
using AlwaysConnected.Routing.Ars.Evaluation;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Sip.Writing;

namespace AlwaysConnected.Routing.Ars.Calls;

/// <summary>
/// One call through the ARS OUT routes to a trunk, from the selection to its end: the host hands it the events
/// of the call (the request, each response of the trunk, the response timeout, CANCEL, the end) and does what
/// each returned <see cref="TrunkCallAction"/> says. The call takes the selected block's Max Sessions session,
/// answers the trunk's digest challenge with the route's credentials, fails over to the next candidate on a
/// failover status or a timeout, and gives its session back exactly once whatever happens.
/// </summary>
/// <remarks>
/// <para>
/// Reusable like <see cref="RoutingDecision"/>: its buffers grow and are then reused, so the path route → session
/// → 2xx → end allocates nothing once warm. Rent calls from a <see cref="TrunkCallPool"/> (disposing one returns
/// it), or keep one and <see cref="Start"/> it again after it ended. Events for one call may arrive on several
/// threads (a receive loop, the timer); they are handled one at a time. What an event returns
/// (<see cref="Request"/>, <see cref="Target"/>, ...) is valid until the next event.
/// </para>
/// <para>
/// Times come from the router's <see cref="SipRouterOptions.TimeProvider"/>: the response timeout of each attempt and the
/// recovery time of a failed trunk.
/// </para>
/// </remarks>
public sealed class TrunkCall : IDisposable
{
    private const int ChallengedWww = 1;
    private const int ChallengedProxy = 2;
    private static readonly byte[] AuthorizationName = "Authorization"u8.ToArray();
    private static readonly byte[] ProxyAuthorizationName = "Proxy-Authorization"u8.ToArray();
    private static readonly byte[] CSeqName = "CSeq"u8.ToArray();

    /// <summary>Attempt numbers are unique per process, so a response to a reused call's earlier request never matches.</summary>
    private static long s_attempts;

    private readonly SipRouter _router;
    private readonly Action<TrunkCall>? _responseTimedOut;
    private readonly DigestAuthenticator _authenticator;
    private readonly TrunkCallPool? _pool;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly RoutingDecision _decision = new();
    private readonly ArsSelection _selection = new();
    private readonly ByteArena _output = new(2048);
    private byte[] _request = new byte[2048];
    private int _requestLength;
    private SipMessageIndex _index = new();
    private RoutingContext _context;
    private ITimer? _timer;
    private BlockState? _session;
    private long _attempt;
    private long _deadlineTicks = long.MaxValue;
    private bool _awaitingResponse;
    private uint _callerCSeq;
    private int _challenged;
    private bool _inPool;
    private bool _relayLateFinals;

    /// <summary>Creates a call that routes through <paramref name="router"/>.</summary>
    /// <param name="router">The router whose ARS OUT routes select the trunks.</param>
    /// <param name="responseTimedOut">
    /// Called (on a timer thread) when the trunk gave no response within its response timeout; the host then calls
    /// <see cref="OnResponseTimeout"/> the way it hands over any other event. When null, no timer is set and the host
    /// calls <see cref="OnResponseTimeout"/> itself at <see cref="ResponseDeadline"/>. Must not throw.
    /// </param>
    public TrunkCall(SipRouter router, Action<TrunkCall>? responseTimedOut = null)
        : this(router, responseTimedOut, new DigestAuthenticator(), pool: null)
    {
    }

    // The calls of one pool share the authenticator (it keeps the nonce counts); tests pin its cnonce.
    internal TrunkCall(SipRouter router, Action<TrunkCall>? responseTimedOut, DigestAuthenticator authenticator, TrunkCallPool? pool)
    {
        ArgumentNullException.ThrowIfNull(router);
        _router = router;
        _responseTimedOut = responseTimedOut;
        _authenticator = authenticator;
        _pool = pool;
        _time = router.Options.TimeProvider;
    }

    /// <summary>Where the call stands.</summary>
    public TrunkCallState State { get; private set; }

    /// <summary>
    /// The number of the request last handed out with <see cref="TrunkCallAction.Send"/>; pass it back with each
    /// response to that request. It never repeats, even when the call object is reused.
    /// </summary>
    public long Attempt => _attempt;

    /// <summary>The request to send (valid after <see cref="TrunkCallAction.Send"/>, until the next event), rewritten for the trunk.</summary>
    public ReadOnlySpan<byte> Request => _output.Written;

    /// <summary>The trunk's next hop as the route gives it (<c>host[:port][;transport=x]</c>), or empty.</summary>
    public ReadOnlySpan<byte> Target => _decision.Target;

    /// <summary>The route of the trunk in use, or null.</summary>
    public string? RouteName => _selection.RouteName;

    /// <summary>The block number of the trunk in use, or 0.</summary>
    public int BlockNumber => _selection.BlockNumber;

    /// <summary>The trunk in use, or null.</summary>
    public TrunkConnection? Trunk => _selection.Trunk;

    /// <summary>The decision for the trunk in use (target, Request-URI, header edits); read only.</summary>
    public RoutingDecision Decision => _decision;

    /// <summary>How much the CSeq numbers sent to the trunk exceed the caller's (one per challenge answered).</summary>
    /// <remarks>Lower the CSeq of responses relayed to the caller by it, and raise that of the caller's later in-dialog requests.</remarks>
    public uint CSeqOffset { get; private set; }

    /// <summary>The status to answer the caller with after <see cref="TrunkCallAction.Answer"/>, else 0.</summary>
    public int AnswerStatus { get; private set; }

    /// <summary>The reason phrase to answer with after <see cref="TrunkCallAction.Answer"/> (it says why), else null.</summary>
    public string? AnswerReason { get; private set; }

    /// <summary>Whether the call counts a session against a block's Max Sessions now.</summary>
    public bool HoldsSession => Volatile.Read(ref _session) is not null;

    /// <summary>When the trunk's response timeout ends for the request last sent; <see cref="DateTimeOffset.MaxValue"/> when no response is awaited.</summary>
    public DateTimeOffset ResponseDeadline
    {
        get
        {
            lock (_gate)
            {
                return _awaitingResponse ? new DateTimeOffset(_deadlineTicks, TimeSpan.Zero) : DateTimeOffset.MaxValue;
            }
        }
    }

    /// <summary>
    /// Starts the call: runs the ARS OUT routes on the request, takes the selected block's session (a block that
    /// filled up meanwhile is passed over for the next candidate) and writes the request for its trunk.
    /// </summary>
    /// <param name="request">The request leaving towards a trunk (after ARS IN); copied, so its buffer may be reused at once.</param>
    /// <param name="context">Where it came from, with the call's property bag.</param>
    /// <returns><see cref="TrunkCallAction.Send"/>, or <see cref="TrunkCallAction.Answer"/> when no trunk takes the call.</returns>
    /// <exception cref="InvalidOperationException">The call is in progress.</exception>
    public TrunkCallAction Start(SipMessage request, in RoutingContext context)
    {
        lock (_gate)
        {
            if (State is not (TrunkCallState.Idle or TrunkCallState.Ended))
            {
                throw new InvalidOperationException("The call is in progress; start a new one or wait until it ends.");
            }

            if (_inPool)
            {
                throw new InvalidOperationException("The call was returned to its pool.");
            }

            try
            {
                Reset();
                if (!request.IsRequest || !CopyRequest(request))
                {
                    return AnswerCaller(500, "Server Internal Error (the request cannot be routed)");
                }

                _context = context;
                var message = Message;
                _callerCSeq = CSeqHeader.TryParse(message.GetFirstValue(SipHeaderId.CSeq), out var cseq) ? cseq.Number : 0;
                State = TrunkCallState.Calling;
                if (!_router.RouteOut(message, context, _decision, _selection))
                {
                    return NoTrunk(timedOut: false);
                }

                return TakeSessionAndSend();
            }
            catch
            {
                Fail();
                throw;
            }
        }
    }

    /// <summary>Hands over a response of the trunk to the call's INVITE (responses to other requests are not events of the call).</summary>
    /// <param name="attempt">The <see cref="Attempt"/> the response answers (read back from the branch the host sent it with).</param>
    /// <param name="response">The response.</param>
    /// <returns>What to do: relay it, send the next request, or nothing.</returns>
    public TrunkCallAction OnResponse(long attempt, SipMessage response)
    {
        if (response.IsRequest)
        {
            throw new ArgumentException("A response is expected.", nameof(response));
        }

        lock (_gate)
        {
            try
            {
                return HandleResponse(attempt, response);
            }
            catch
            {
                Fail();
                throw;
            }
        }
    }

    /// <summary>
    /// Tells the call its trunk's response timeout has passed (after the response-timeout callback given to the constructor,
    /// or at <see cref="ResponseDeadline"/>). Ignored unless a response is still awaited and the deadline has passed.
    /// </summary>
    /// <returns><see cref="TrunkCallAction.Send"/> for the next trunk, <see cref="TrunkCallAction.Answer"/> (408) when none is left, or nothing.</returns>
    public TrunkCallAction OnResponseTimeout()
    {
        lock (_gate)
        {
            try
            {
                if (!_awaitingResponse || State is not (TrunkCallState.Calling or TrunkCallState.Authenticating)
                    || _time.GetUtcNow().UtcTicks < _deadlineTicks)
                {
                    return TrunkCallAction.None;
                }

                StopWaiting();
                ReleaseSession();
                var failsOver = _selection.ReportTimeout();
                if (!failsOver)
                {
                    return AnswerCaller(408, "Request Timeout (the trunk did not answer)");
                }

                return Next(timedOut: true);
            }
            catch
            {
                Fail();
                throw;
            }
        }
    }

    /// <summary>Hands over the caller's CANCEL: the session ends at once.</summary>
    /// <returns><see cref="TrunkCallAction.Cancel"/> while the trunk has not answered finally, else nothing.</returns>
    public TrunkCallAction OnCancel()
    {
        lock (_gate)
        {
            if (State is not (TrunkCallState.Calling or TrunkCallState.Authenticating))
            {
                return TrunkCallAction.None;
            }

            // The trunk answers the INVITE 487 after the CANCEL; that answer is relayed to the caller.
            StopWaiting();
            ReleaseSession();
            State = TrunkCallState.Ended;
            _relayLateFinals = true;
            return TrunkCallAction.Cancel;
        }
    }

    /// <summary>Ends the call (a BYE from either side, or the host gives up on it): the session ends.</summary>
    public void End()
    {
        lock (_gate)
        {
            Fail();
        }
    }

    /// <summary>Ends the call (the session is given back if it is still held) and, for a pooled call, returns it to its pool.</summary>
    public void Dispose()
    {
        var returnToPool = false;
        lock (_gate)
        {
            Fail();
            if (_pool is not null && !_inPool)
            {
                _inPool = true;
                State = TrunkCallState.Idle;
                returnToPool = true;
            }
        }

        if (returnToPool)
        {
            _pool!.Return(this);
        }
    }

    /// <summary>Takes the call out of its pool.</summary>
    internal void Rent()
    {
        lock (_gate)
        {
            _inPool = false;
        }
    }

    private SipMessage Message => new(_request.AsSpan(0, _requestLength), _index);

    private TrunkCallAction HandleResponse(long attempt, SipMessage response)
    {
        var status = response.StatusCode;
        if (attempt != _attempt)
        {
            // A response to a request the call has moved on from: its dialog, if any, must not live on.
            return status is >= 200 and < 300 ? TrunkCallAction.CloseStrayDialog : TrunkCallAction.None;
        }

        if (!CSeqHeader.TryParse(response.GetFirstValue(SipHeaderId.CSeq), out var cseq) || cseq.Method != Message.Method)
        {
            return TrunkCallAction.None;
        }

        if (State is TrunkCallState.Ended or TrunkCallState.Idle)
        {
            // After a CANCEL: the trunk's final answer (487, or a 2xx that crossed it) still goes to the caller.
            return status >= 200 && _relayLateFinals ? TrunkCallAction.Relay : TrunkCallAction.None;
        }

        if (State == TrunkCallState.Established)
        {
            // A retransmitted 2xx: the caller's UA acknowledges it again.
            return status is >= 200 and < 300 ? TrunkCallAction.Relay : TrunkCallAction.None;
        }

        // Any response stops the response timeout (a ringing call may last long).
        StopWaiting();
        if (status < 200)
        {
            return TrunkCallAction.Relay;
        }

        if (status < 300)
        {
            State = TrunkCallState.Established;
            return TrunkCallAction.Relay;
        }

        if (status is 401 or 407)
        {
            return AnswerChallenge(response, status == 407 ? ChallengedProxy : ChallengedWww);
        }

        if (_selection.ReportFailure(status))
        {
            ReleaseSession();
            return Next(timedOut: false, lastStatus: status);
        }

        ReleaseSession();
        State = TrunkCallState.Ended;
        _relayLateFinals = true;
        return TrunkCallAction.Relay;
    }

    private TrunkCallAction AnswerChallenge(SipMessage response, int kind)
    {
        if (_selection.Credentials is not { } credentials)
        {
            return Refused(403, "Forbidden (the trunk asks for credentials the route does not have)");
        }

        if ((_challenged & kind) != 0)
        {
            // Challenged again for credentials already sent: they are refused; retrying would loop.
            return Refused(403, "Forbidden (the trunk refused the route's credentials)");
        }

        var message = Message;
        var requestUri = Encoding.UTF8.GetString(_decision.HasRequestUri ? _decision.RequestUri : message.RequestUri);
        var method = Encoding.UTF8.GetString(message.MethodBytes);
        if (!ArsChallengeResponder.TryCreateAuthorization(response, credentials, method, requestUri, message.Body, _authenticator, out var authorization))
        {
            return Refused(403, "Forbidden (the trunk's challenge has no usable Digest challenge for the route's realm)");
        }

        _challenged |= kind;
        CSeqOffset++;
        var arena = _decision.Arena;
        var value = Encoding.UTF8.GetBytes(authorization.Value);
        var valueStart = arena.Append(value);
        _decision.SetHeaderEdit(kind == ChallengedProxy ? ProxyAuthorizationName : AuthorizationName, HeaderEditKind.Set, valueStart, value.Length);
        SetCSeq(message);
        if (!Write())
        {
            return Refused(500, "Server Internal Error (the request with credentials cannot be written)");
        }

        State = TrunkCallState.Authenticating;
        return Sent();
    }

    private TrunkCallAction Refused(int status, string reason)
    {
        ReleaseSession();
        return AnswerCaller(status, reason);
    }

    /// <summary>The next candidate after a failure (its session already given back), written afresh for its trunk.</summary>
    private TrunkCallAction Next(bool timedOut, int lastStatus = 0)
    {
        if (!_selection.TryGetNext(Message, _context, _decision))
        {
            if (!timedOut && lastStatus != 0)
            {
                // No trunk is left: the last trunk's answer is the caller's.
                State = TrunkCallState.Ended;
                _relayLateFinals = true;
                return TrunkCallAction.Relay;
            }

            return NoTrunk(timedOut);
        }

        return TakeSessionAndSend();
    }

    private TrunkCallAction TakeSessionAndSend()
    {
        // A block that filled up between selection and now is passed over like a full one.
        while (!_selection.TryAcquireCurrent(out _session))
        {
            if (!_selection.TryGetNext(Message, _context, _decision))
            {
                return NoTrunk(timedOut: false);
            }
        }

        _challenged = 0;
        CSeqOffset = 0;
        if (!_decision.HasTarget || !Write())
        {
            ReleaseSession();
            return AnswerCaller(500, "Server Internal Error (the route gives no writable request for its trunk)");
        }

        State = TrunkCallState.Calling;
        return Sent();
    }

    private TrunkCallAction NoTrunk(bool timedOut)
    {
        if (timedOut)
        {
            return AnswerCaller(408, "Request Timeout (no trunk answered)");
        }

        return _decision.Outcome switch
        {
            RoutingOutcome.Reject => AnswerCaller(_decision.StatusCode, _decision.ReasonPhrase ?? "Service Unavailable"),
            RoutingOutcome.Error => AnswerCaller(500, "Server Internal Error (ARS OUT failed)"),
            _ => AnswerCaller(404, "Not Found (no ARS OUT route)"),
        };
    }

    private TrunkCallAction AnswerCaller(int status, string reason)
    {
        StopWaiting();
        State = TrunkCallState.Ended;
        AnswerStatus = status;
        AnswerReason = reason;
        return TrunkCallAction.Answer;
    }

    private TrunkCallAction Sent()
    {
        _attempt = Interlocked.Increment(ref s_attempts);
        var timeout = _selection.Trunk?.ResponseTimeout ?? TrunkConnection.DefaultResponseTimeout;
        _deadlineTicks = _time.GetUtcNow().UtcTicks + timeout.Ticks;
        _awaitingResponse = true;
        if (_responseTimedOut is not null)
        {
            _timer ??= _time.CreateTimer(static state => ((TrunkCall)state!).TimerFired(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _timer.Change(timeout, Timeout.InfiniteTimeSpan);
        }

        return TrunkCallAction.Send;
    }

    private void TimerFired()
    {
        bool due;
        lock (_gate)
        {
            var now = _time.GetUtcNow().UtcTicks;
            due = _awaitingResponse && now >= _deadlineTicks;
            if (_awaitingResponse && !due)
            {
                // A timer may fire a little before the wall clock reaches the deadline (they are different
                // clocks): wait for the rest rather than lose the timeout.
                _timer?.Change(TimeSpan.FromTicks(Math.Max(_deadlineTicks - now, TimeSpan.TicksPerMillisecond)), Timeout.InfiniteTimeSpan);
            }
        }

        if (due)
        {
            _responseTimedOut?.Invoke(this);
        }
    }

    private void StopWaiting()
    {
        if (_awaitingResponse)
        {
            _awaitingResponse = false;
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        _deadlineTicks = long.MaxValue;
    }

    private void SetCSeq(SipMessage message)
    {
        var arena = _decision.Arena;
        var start = arena.Length;
        var span = arena.GetSpan(11 + 1 + message.MethodBytes.Length);
        (_callerCSeq + CSeqOffset).TryFormat(span, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        span[written++] = (byte)' ';
        message.MethodBytes.CopyTo(span[written..]);
        written += message.MethodBytes.Length;
        arena.Advance(written);
        _decision.SetHeaderEdit(CSeqName, HeaderEditKind.Set, start, written);
    }

    private bool Write()
    {
        _output.Reset();
        return SipRequestWriter.TryWrite(Message, _decision, _output, out _);
    }

    private bool CopyRequest(SipMessage request)
    {
        var bytes = request.Span;
        if (_request.Length < bytes.Length)
        {
            _request = new byte[Math.Max(bytes.Length, _request.Length * 2)];
        }

        bytes.CopyTo(_request);
        _requestLength = bytes.Length;
        if (request.ParsedIndex is { } index && !ReferenceEquals(index.Options, _index.Options))
        {
            _index = new SipMessageIndex(index.Options);
        }

        return SipParser.TryParseDatagram(_request.AsSpan(0, _requestLength), _index, out _) == OperationStatus.Done;
    }

    private void Reset()
    {
        StopWaiting();
        ReleaseSession();
        _decision.Reset();
        _output.Reset();
        _challenged = 0;
        CSeqOffset = 0;
        AnswerStatus = 0;
        AnswerReason = null;
        _relayLateFinals = false;
        State = TrunkCallState.Idle;
    }

    /// <summary>Ends the call on any path that is not an answer: the session goes back, the timer stops.</summary>
    private void Fail()
    {
        StopWaiting();
        ReleaseSession();
        if (State != TrunkCallState.Idle)
        {
            State = TrunkCallState.Ended;
        }
    }

    private void ReleaseSession()
    {
        // Exchange, so that whichever path gets here first releases, and no path releases twice.
        Interlocked.Exchange(ref _session, null)?.Release();
    }
}
