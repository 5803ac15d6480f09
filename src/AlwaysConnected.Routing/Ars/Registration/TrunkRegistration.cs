// Kept in one file (about 610 lines) on purpose: one REGISTER binding's state machine (send, challenge,
// refresh, retry with backoff, de-register), every change under one lock with sending and events after it is
// released; the transitions read best together.

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AlwaysConnected.Routing.Ars.Authentication;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Ars.Registration;

/// <summary>
/// One route's registration: the REGISTER transaction, its challenge, refresh, retries and de-registration.
/// Every change happens under one lock; sending and events happen after it is released.
/// </summary>
internal sealed class TrunkRegistration
{
    // RFC 3261 T2: the longest retransmission interval of a non-INVITE request.
    private static readonly TimeSpan MaxRetransmitInterval = TimeSpan.FromSeconds(4);

    // A challenge per registrar hop (a proxy's 407, then the registrar's 401) is legitimate; more is a loop.
    private const int MaxChallengesPerAttempt = 3;

    private readonly Lock _gate = new();
    private readonly TrunkRegistrarOptions _options;
    private readonly TimeProvider _time;
    private readonly DigestAuthenticator _authenticator;
    private readonly Action<TrunkRegistration, byte[], uint> _send;
    private readonly Action<TrunkRegistration, TrunkRegistrationState, TrunkRegistrationState> _changed;
    private readonly RegistrationTarget? _target;
    private readonly TrunkCredentials? _credentials;
    private readonly string _contactUri = "";
    private readonly string _fromTag;
    private readonly HashSet<string> _answeredNonces = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ITimer? _timer;
    private Phase _phase = Phase.Idle;
    private uint _cseq;
    private int _requestedExpiry;
    private byte[]? _request;
    private TimeSpan _retransmitInterval;
    private DateTimeOffset _timeoutAt;
    private DateTimeOffset _dueAt;
    private int _challengesThisAttempt;
    private int _failuresInARow;
    private DateTimeOffset? _bindingUntil;
    private bool _stopWhenAnswered;
    private TrunkRegistrationState _state;

    public TrunkRegistration(
        string routeName,
        RouteRegistration registration,
        TrunkCredentials? credentials,
        TrunkRegistrarOptions options,
        TimeProvider time,
        DigestAuthenticator authenticator,
        Action<TrunkRegistration, byte[], uint> send,
        Action<TrunkRegistration, TrunkRegistrationState, TrunkRegistrationState> changed)
    {
        RouteName = routeName;
        Registration = registration;
        _credentials = credentials;
        _options = options;
        _time = time;
        _authenticator = authenticator;
        _send = send;
        _changed = changed;
        _requestedExpiry = registration.ExpirySeconds;
        _fromTag = RandomToken(8);
        CallId = $"{RandomToken(16)}@alwaysconnected";
        if (RegistrationTarget.TryCreate(registration, out var target, out var error))
        {
            _target = target;
            _contactUri = RegisterRequestWriter.ContactUri(target!, options);
            _state = new TrunkRegistrationState(routeName, target!.AddressOfRecord, TrunkRegistrationStatus.Unregistered, null, null, null, null);
        }
        else
        {
            // A registration that cannot be written is reported, never retried: only a reload can fix it.
            _state = new TrunkRegistrationState(routeName, registration.RegisterUri, TrunkRegistrationStatus.Failed, null, null, error, null);
            _phase = Phase.Stopped;
            _stopped.TrySetResult();
        }
    }

    private enum Phase
    {
        Idle,
        Registering,
        WaitingRefresh,
        WaitingRetry,
        Deregistering,
        Stopped,
    }

    public string RouteName { get; }

    public RouteRegistration Registration { get; }

    public string CallId { get; }

    public RegistrationTarget? Target => _target;

    public TrunkRegistrationState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>Completes when the registration has stopped (after its de-registration, if any).</summary>
    public Task Stopped => _stopped.Task;

    /// <summary>Whether the registration's credentials and target equal another's, so that a reload may keep it.</summary>
    public bool SameAs(RouteRegistration registration, TrunkCredentials? credentials) =>
        Registration == registration && _credentials == credentials;

    /// <summary>Sends the first REGISTER.</summary>
    public void Start()
    {
        Effects effects = default;
        lock (_gate)
        {
            if (_phase != Phase.Idle)
            {
                return;
            }

            BeginAttempt(ref effects);
        }

        effects.Apply(this);
    }

    /// <summary>Stops: de-registers (<c>Expires: 0</c>) when a binding may be active and <paramref name="deregister"/> is set.</summary>
    /// <returns>A task that completes when the registration has stopped.</returns>
    public Task StopAsync(bool deregister)
    {
        Effects effects = default;
        lock (_gate)
        {
            if (_phase is Phase.Stopped or Phase.Deregistering || _stopWhenAnswered)
            {
                return _stopped.Task;
            }

            if (deregister && _phase == Phase.Registering)
            {
                // RFC 3261 §10.2: no new REGISTER before the one in flight has its final answer or times out;
                // the de-registration follows that answer (Handle, OnTimer).
                _stopWhenAnswered = true;
                return _stopped.Task;
            }

            if (deregister && _bindingUntil > _time.GetUtcNow() && _target is not null)
            {
                Deregister(ref effects);
            }
            else
            {
                Finish(statusCode: _state.StatusCode, reason: _state.Reason, ref effects);
            }
        }

        effects.Apply(this);
        return _stopped.Task;
    }

    /// <summary>Stops at once: no de-registration, no timer left.</summary>
    public void Abort()
    {
        Effects effects = default;
        lock (_gate)
        {
            if (_phase != Phase.Stopped)
            {
                Finish(_state.StatusCode, _state.Reason, ref effects);
            }
        }

        effects.Apply(this);
    }

    /// <summary>Handles a response whose Call-ID is this registration's.</summary>
    public void Handle(SipMessage response)
    {
        Effects effects = default;
        lock (_gate)
        {
            if (_phase is not (Phase.Registering or Phase.Deregistering)
                || !CSeqHeader.TryParse(response.GetFirstValue(SipHeaderId.CSeq), out var cseq)
                || cseq.Number != _cseq
                || cseq.Method != SipMethod.Register
                || response.StatusCode < 200)
            {
                // A provisional answer, a late answer to an earlier request or a retransmitted one: nothing to do.
                return;
            }

            var status = response.StatusCode;
            var reason = Encoding.UTF8.GetString(response.ReasonPhrase);
            if (_stopWhenAnswered && _phase == Phase.Registering)
            {
                // Stopping: the answer only tells whether a binding now exists; a challenge is answered by the
                // de-registration itself.
                if (status is >= 200 and < 300)
                {
                    _bindingUntil = _time.GetUtcNow() + TimeSpan.FromSeconds(Math.Max(1, ReadGrantedExpiry(response) ?? _requestedExpiry));
                }

                DeregisterIfBound(status, reason, ref effects);
            }
            else if (status is 401 or 407)
            {
                AnswerChallenge(response, status, reason, ref effects);
            }
            else if (_phase == Phase.Deregistering)
            {
                Finish(status, reason, ref effects);
            }
            else if (status is >= 200 and < 300)
            {
                Accepted(response, status, reason, ref effects);
            }
            else if (status == 423 && ReadInt(response.GetFirstValue(SipHeaderId.MinExpires)) is { } minExpires && minExpires > _requestedExpiry)
            {
                // The registrar names the shortest expiry it accepts: ask for that at once, within the same attempt.
                _requestedExpiry = minExpires;
                SendRequest(_requestedExpiry, authorization: null, ref effects);
            }
            else if (status == 423)
            {
                Fail(status, "Interval Too Brief without a longer Min-Expires", retryAfter: null, ref effects);
            }
            else
            {
                var retryAfter = ReadInt(response.GetFirstValue(SipHeaderId.RetryAfter)) is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
                Fail(status, status == 403 ? $"{reason} (the registrar refused the credentials)" : reason, retryAfter, ref effects);
            }
        }

        effects.Apply(this);
    }

    /// <summary>The host could not send a request: the attempt fails as if unanswered, but at once.</summary>
    public void SendFailed(uint cseq, Exception exception)
    {
        Effects effects = default;
        lock (_gate)
        {
            if (cseq != _cseq || _phase is not (Phase.Registering or Phase.Deregistering))
            {
                return;
            }

            if (_phase == Phase.Deregistering)
            {
                Finish(0, $"the de-registration could not be sent: {exception.Message}", ref effects);
            }
            else if (_stopWhenAnswered)
            {
                DeregisterIfBound(0, $"the REGISTER could not be sent: {exception.Message}", ref effects);
            }
            else
            {
                Fail(0, $"the REGISTER could not be sent: {exception.Message}", retryAfter: null, ref effects);
            }
        }

        effects.Apply(this);
    }

    private void AnswerChallenge(SipMessage response, int status, string reason, ref Effects effects)
    {
        if (_credentials is null)
        {
            FailOrFinish(status, $"{reason} (challenged, but the registration has no User)", ref effects);
            return;
        }

        // The challenge the responder answers is the one whose nonce must not come back unless marked stale.
        if (!ArsChallengeResponder.TrySelectChallenge(response, _credentials, out var challenge, out _)
            || !ArsChallengeResponder.TryCreateAuthorization(response, _credentials, "REGISTER", _target!.RequestUri, _authenticator, out var authorization))
        {
            FailOrFinish(status, $"{reason} (no Digest challenge the credentials can answer)", ref effects);
            return;
        }

        if (!challenge.Stale && !_answeredNonces.Add(challenge.Nonce))
        {
            FailOrFinish(status, $"{reason} (the answer to the challenge was refused: same nonce again)", ref effects);
            return;
        }

        if (++_challengesThisAttempt > MaxChallengesPerAttempt)
        {
            FailOrFinish(status, $"{reason} (challenged {MaxChallengesPerAttempt} times in one attempt)", ref effects);
            return;
        }

        SendRequest(_phase == Phase.Deregistering ? 0 : _requestedExpiry, authorization, ref effects);
    }

    private void FailOrFinish(int status, string reason, ref Effects effects)
    {
        if (_phase == Phase.Deregistering)
        {
            Finish(status, reason, ref effects);
        }
        else
        {
            Fail(status, reason, retryAfter: null, ref effects);
        }
    }

    private void Accepted(SipMessage response, int status, string reason, ref Effects effects)
    {
        var granted = ReadGrantedExpiry(response) ?? _requestedExpiry;
        if (granted <= 0)
        {
            Fail(status, "the registrar accepted the REGISTER but granted no expiry", retryAfter: null, ref effects);
            return;
        }

        var now = _time.GetUtcNow();
        var expiresAt = now + TimeSpan.FromSeconds(granted);
        var refreshIn = TimeSpan.FromSeconds(granted * (double)Registration.UpdatePercent / 100);
        if (refreshIn < _options.MinimumRefreshInterval)
        {
            refreshIn = _options.MinimumRefreshInterval;
        }

        _bindingUntil = expiresAt;
        _failuresInARow = 0;
        _answeredNonces.Clear();
        _phase = Phase.WaitingRefresh;
        Schedule(now + refreshIn);
        SetState(_state with
        {
            Status = TrunkRegistrationStatus.Registered,
            ExpiresAt = expiresAt,
            StatusCode = status,
            Reason = reason,
            NextAttemptAt = now + refreshIn,
        }, ref effects);
    }

    private void Fail(int status, string reason, TimeSpan? retryAfter, ref Effects effects)
    {
        _failuresInARow++;
        _answeredNonces.Clear();
        var delay = retryAfter ?? Backoff(_failuresInARow);
        if (delay > _options.MaxRetryDelay)
        {
            delay = _options.MaxRetryDelay;
        }

        var now = _time.GetUtcNow();
        _phase = Phase.WaitingRetry;
        if (_bindingUntil <= now)
        {
            _bindingUntil = null;
        }

        Schedule(now + delay);
        SetState(_state with
        {
            Status = TrunkRegistrationStatus.Failed,
            ExpiresAt = null,
            StatusCode = status,
            Reason = reason,
            NextAttemptAt = now + delay,
        }, ref effects);
    }

    private void Finish(int? statusCode, string? reason, ref Effects effects)
    {
        _phase = Phase.Stopped;
        _bindingUntil = null;
        _timer?.Dispose();
        _timer = null;
        _request = null;
        effects.Stopped = true;
        if (_target is not null)
        {
            SetState(_state with
            {
                Status = TrunkRegistrationStatus.Unregistered,
                ExpiresAt = null,
                StatusCode = statusCode,
                Reason = reason,
                NextAttemptAt = null,
            }, ref effects);
        }
    }

    private void DeregisterIfBound(int status, string reason, ref Effects effects)
    {
        if (_bindingUntil > _time.GetUtcNow())
        {
            Deregister(ref effects);
        }
        else
        {
            Finish(status, reason, ref effects);
        }
    }

    private void Deregister(ref Effects effects)
    {
        _phase = Phase.Deregistering;
        _answeredNonces.Clear();
        _challengesThisAttempt = 0;
        SendRequest(expires: 0, authorization: null, ref effects);
    }

    private TimeSpan Backoff(int failures)
    {
        var initial = _options.InitialRetryDelay.TotalMilliseconds;
        var max = _options.MaxRetryDelay.TotalMilliseconds;
        var delay = Math.Min(max, initial * Math.Pow(2, Math.Min(failures - 1, 30)));
        if (_options.RetryJitter > 0)
        {
            delay *= 1 + (_options.RetryJitter * ((2 * Random.Shared.NextDouble()) - 1));
        }

        return TimeSpan.FromMilliseconds(Math.Clamp(delay, 1, max));
    }

    private void BeginAttempt(ref Effects effects)
    {
        _phase = Phase.Registering;
        _challengesThisAttempt = 0;
        _answeredNonces.Clear();
        SendRequest(_requestedExpiry, authorization: null, ref effects);

        // A refresh of an active binding stays Registered until the answer says otherwise.
        if (_state.Status != TrunkRegistrationStatus.Registered)
        {
            SetState(_state with { Status = TrunkRegistrationStatus.Registering, ExpiresAt = null, NextAttemptAt = null }, ref effects);
        }
    }

    private void SendRequest(int expires, ArsAuthorization? authorization, ref Effects effects)
    {
        _cseq++;
        _request = RegisterRequestWriter.Write(_target!, _options, _contactUri, CallId, _fromTag, "z9hG4bK" + RandomToken(10), _cseq, expires, authorization);
        var now = _time.GetUtcNow();
        _timeoutAt = now + _options.ResponseTimeout;
        _retransmitInterval = _options.Transport == SipTransport.Udp ? _options.RetransmitInterval : TimeSpan.Zero;
        Schedule(_retransmitInterval > TimeSpan.Zero && now + _retransmitInterval < _timeoutAt ? now + _retransmitInterval : _timeoutAt);
        effects.Send = _request;
        effects.SendCSeq = _cseq;
    }

    private void Schedule(DateTimeOffset dueAt)
    {
        _dueAt = dueAt;
        var delay = dueAt - _time.GetUtcNow();
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        if (_timer is null)
        {
            _timer = _time.CreateTimer(static state => ((TrunkRegistration)state!).OnTimer(), this, delay, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _timer.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnTimer()
    {
        Effects effects = default;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_phase is Phase.Idle or Phase.Stopped)
            {
                return;
            }

            if (now < _dueAt)
            {
                // A callback that raced with a reschedule: wait for the new due time.
                Schedule(_dueAt);
                return;
            }

            switch (_phase)
            {
                case Phase.WaitingRefresh:
                case Phase.WaitingRetry:
                    BeginAttempt(ref effects);
                    break;
                case Phase.Registering or Phase.Deregistering when now >= _timeoutAt:
                    if (_phase == Phase.Deregistering)
                    {
                        Finish(408, "no answer to the de-registration", ref effects);
                    }
                    else if (_stopWhenAnswered)
                    {
                        // The unanswered REGISTER may have created a binding: remove it to be sure.
                        Deregister(ref effects);
                    }
                    else
                    {
                        Fail(408, "no response from the registrar", retryAfter: null, ref effects);
                    }

                    break;
                case Phase.Registering or Phase.Deregistering:
                    _retransmitInterval = _retransmitInterval * 2 > MaxRetransmitInterval ? MaxRetransmitInterval : _retransmitInterval * 2;
                    // From the due time, not from now: a late callback does not push the series back.
                    Schedule(_dueAt + _retransmitInterval < _timeoutAt ? _dueAt + _retransmitInterval : _timeoutAt);
                    effects.Send = _request;
                    effects.SendCSeq = _cseq;
                    break;
            }
        }

        effects.Apply(this);
    }

    private void SetState(TrunkRegistrationState next, ref Effects effects)
    {
        if (next == _state)
        {
            return;
        }

        effects.Previous ??= _state;
        _state = next;
        effects.Current = next;
    }

    private int? ReadGrantedExpiry(SipMessage response)
    {
        // The registrar lists every binding of the AOR; ours is the one whose URI is our Contact's.
        var ours = Encoding.UTF8.GetBytes(_contactUri);
        if (!SipUri.TryParse(ours, out var contact))
        {
            return null;
        }

        foreach (var value in response.EnumerateValues(SipHeaderId.Contact))
        {
            if (NameAddress.TryParse(value, out var address)
                && address.TryGetUri(out var uri)
                && uri.User.SequenceEqual(contact.User)
                && Ascii.EqualsIgnoreCase(uri.Host, contact.Host)
                && (uri.Port > 0 ? uri.Port : 5060) == (contact.Port > 0 ? contact.Port : 5060)
                && address.Parameters.TryGetValue("expires"u8, out var expires)
                && ReadInt(expires) is { } seconds)
            {
                return seconds;
            }
        }

        return ReadInt(response.GetFirstValue(SipHeaderId.Expires));
    }

    /// <summary>Reads the leading delta-seconds of a value (<c>120</c>, <c>120 (comment);duration=60</c>).</summary>
    private static int? ReadInt(ReadOnlySpan<byte> value)
    {
        value = SipCharacters.TrimLws(value);
        var end = 0;
        while (end < value.Length && char.IsAsciiDigit((char)value[end]))
        {
            end++;
        }

        return end > 0 && SipIntegers.TryParseInt32(value[..end], int.MaxValue, out var number) ? number : null;
    }

    private static string RandomToken(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>What to do once the lock is released.</summary>
    private struct Effects
    {
        public byte[]? Send;
        public uint SendCSeq;
        public TrunkRegistrationState? Previous;
        public TrunkRegistrationState? Current;
        public bool Stopped;

        public readonly void Apply(TrunkRegistration registration)
        {
            if (Previous is { } previous && Current is { } current)
            {
                registration._changed(registration, previous, current);
            }

            if (Send is { } request)
            {
                registration._send(registration, request, SendCSeq);
            }

            if (Stopped)
            {
                registration._stopped.TrySetResult();
            }
        }
    }
}
