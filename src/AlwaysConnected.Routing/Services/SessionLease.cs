namespace AlwaysConnected.Routing.Services;

/// <summary>
/// A session counted by <see cref="SessionCounters"/>; disposing it ends the session. Disposing
/// more than once has no further effect.
/// </summary>
internal sealed class SessionLease : IDisposable
{
    private readonly SessionCounters.RouteCounter _total;
    private readonly SessionCounters.RouteCounter? _route;
    private int _released;

    internal SessionLease(SessionCounters.RouteCounter total, SessionCounters.RouteCounter? route)
    {
        _total = total;
        _route = route;
    }

    /// <summary>Whether the session has ended.</summary>
    public bool IsReleased => Volatile.Read(ref _released) != 0;

    /// <summary>Ends the session (once).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return;
        }

        _route?.Ended();
        _total.Ended();
    }
}
