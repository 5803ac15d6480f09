using System.Collections.Concurrent;
using AlwaysConnected.Routing.Ars.State;

namespace AlwaysConnected.Routing.Ars.Evaluation;

/// <summary>
/// Sessions in progress and recovery times of every pattern block, keyed by route name, direction and block
/// number. Kept apart from the compiled routes so a reload keeps them. Thread-safe.
/// </summary>
internal sealed class ArsBlockStates
{
    private readonly ConcurrentDictionary<(string Route, ArsDirection Direction, int Block), BlockState> _states = new();
    private readonly IArsBlockStateStore? _store;

    /// <summary>Creates the states of one router.</summary>
    /// <param name="store">
    /// Where the state is shared with other routers (the nodes of a cluster); null (the default) keeps it in
    /// this process and never calls out.
    /// </param>
    public ArsBlockStates(IArsBlockStateStore? store = null)
    {
        _store = store;
        store?.Attach((block, until) => Get(block.RouteName, block.Direction, block.BlockNumber).MarkFailedHere(until.UtcTicks));
    }

    /// <summary>The store the state is shared through, or null.</summary>
    public IArsBlockStateStore? Store => _store;

    /// <summary>The sessions in progress through a block on this router (0 for an unknown block); a shared store counts every router's.</summary>
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
        _states.GetOrAdd((routeName, direction, blockNumber), static (key, store) => new BlockState(new ArsBlockKey(key.Route, key.Direction, key.Block), store), _store);
}
