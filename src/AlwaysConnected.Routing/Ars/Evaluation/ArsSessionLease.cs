namespace AlwaysConnected.Routing.Ars.Evaluation;

/// <summary>
/// One session counted against a block's Max Sessions; dispose it when the call ends. Disposing more than
/// once has no further effect, so a count never goes negative or leaks through a double release.
/// </summary>
internal sealed class ArsSessionLease : IDisposable
{
    private readonly BlockState _state;
    private int _released;

    internal ArsSessionLease(BlockState state, string routeName, ArsDirection direction, int blockNumber)
    {
        _state = state;
        RouteName = routeName;
        Direction = direction;
        BlockNumber = blockNumber;
    }

    /// <summary>The route the session counts under.</summary>
    public string RouteName { get; }

    /// <summary>The block's direction.</summary>
    public ArsDirection Direction { get; }

    /// <summary>The block's number.</summary>
    public int BlockNumber { get; }

    /// <summary>Whether the session has ended.</summary>
    public bool IsReleased => Volatile.Read(ref _released) != 0;

    /// <summary>Ends the session (once).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _state.Release();
        }
    }
}
