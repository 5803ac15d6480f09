using System.Collections.Concurrent;

namespace AlwaysConnected.Routing.Ars.Evaluation;

/// <summary>
/// Sessions in progress and recovery times of every pattern block, keyed by route name, direction and block
/// number. Kept apart from the compiled routes so a reload keeps them. Thread-safe.
/// </summary>
public sealed class ArsBlockStates
{
    private readonly ConcurrentDictionary<(string Route, ArsDirection Direction, int Block), BlockState> _states = new();

    /// <summary>The sessions in progress through a block (0 for an unknown block).</summary>
    /// <param name="routeName">The route name.</param>
    /// <param name="direction">The block's direction.</param>
    /// <param name="blockNumber">The block's number.</param>
    /// <returns>The count, never negative.</returns>
    public int GetActiveSessions(string routeName, ArsDirection direction, int blockNumber) =>
        _states.TryGetValue((routeName, direction, blockNumber), out var state) ? state.Active : 0;

    /// <summary>Whether a block failed and its recovery time has not yet passed.</summary>
    /// <param name="routeName">The route name.</param>
    /// <param name="direction">The block's direction.</param>
    /// <param name="blockNumber">The block's number.</param>
    /// <param name="now">The current time.</param>
    /// <returns>True while the block is passed over.</returns>
    public bool IsInRecovery(string routeName, ArsDirection direction, int blockNumber, DateTimeOffset now) =>
        _states.TryGetValue((routeName, direction, blockNumber), out var state) && now.UtcTicks < state.FailedUntilTicks;

    /// <summary>Forgets every failure, so all blocks are tried again at once (sessions are kept).</summary>
    public void ClearFailures()
    {
        foreach (var state in _states.Values)
        {
            state.ClearFailure();
        }
    }

    internal BlockState Get(string routeName, ArsDirection direction, int blockNumber) =>
        _states.GetOrAdd((routeName, direction, blockNumber), static _ => new BlockState());
}
