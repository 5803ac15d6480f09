using AlwaysConnected.Routing.Ars.Authentication;

namespace AlwaysConnected.Routing.Ars.Calls;

/// <summary>
/// Reuses <see cref="TrunkCall"/> objects, so a host starts calls without allocating once warm: rent one per call
/// and dispose it when the call is over (that gives its session back and returns it here). Thread-safe.
/// </summary>
/// <remarks>
/// A returned call may serve the next call at once: drop every reference to it (e.g. the host's transaction
/// table entries) before disposing it. Its <see cref="TrunkCall.Attempt"/> numbers never repeat, so a late
/// response carrying an old attempt number is ignored even then.
/// </remarks>
public sealed class TrunkCallPool
{
    private readonly SipRouter _router;
    private readonly Action<TrunkCall>? _responseTimedOut;
    private readonly DigestAuthenticator _authenticator;
    private readonly TrunkCall[] _free;
    private readonly Lock _gate = new();
    private int _count;

    /// <summary>Creates a pool.</summary>
    /// <param name="router">The router whose ARS OUT routes select the trunks.</param>
    /// <param name="responseTimedOut">
    /// Called (on a timer thread) when a trunk gave no response within its response timeout; the host then calls
    /// <see cref="TrunkCall.OnResponseTimeout"/> the way it hands over any other event. When null, no timer is set
    /// and the host calls <see cref="TrunkCall.OnResponseTimeout"/> itself at <see cref="TrunkCall.ResponseDeadline"/>.
    /// Must not throw.
    /// </param>
    /// <param name="capacity">How many idle calls are kept (more are left to the garbage collector); at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is less than 1.</exception>
    public TrunkCallPool(SipRouter router, Action<TrunkCall>? responseTimedOut = null, int capacity = 256)
        : this(router, responseTimedOut, new DigestAuthenticator(), capacity)
    {
    }

    // The pool's calls share one authenticator (it keeps the nonce counts); tests pin its cnonce.
    internal TrunkCallPool(SipRouter router, Action<TrunkCall>? responseTimedOut, DigestAuthenticator authenticator, int capacity = 256)
    {
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(authenticator);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _router = router;
        _responseTimedOut = responseTimedOut;
        _authenticator = authenticator;
        _free = new TrunkCall[capacity];
    }

    /// <summary>Takes an idle call (a new one when none is idle).</summary>
    /// <returns>A call in state <see cref="TrunkCallState.Idle"/>; dispose it when the call is over.</returns>
    public TrunkCall Rent()
    {
        TrunkCall? call = null;
        lock (_gate)
        {
            if (_count > 0)
            {
                call = _free[--_count];
                _free[_count] = null!;
            }
        }

        call ??= new TrunkCall(_router, _responseTimedOut, _authenticator, this);
        call.Rent();
        return call;
    }

    internal void Return(TrunkCall call)
    {
        lock (_gate)
        {
            if (_count < _free.Length)
            {
                _free[_count++] = call;
            }
        }
    }
}
