namespace AlwaysConnected.Routing.Services;

/// <summary>
/// The session counts the rules read: <c>$sessionnum</c>, <c>$sps</c>, <c>$route.concurrent</c>,
/// <c>$route.underlimit</c>, <c>$route.sps</c> and <c>$route.spslimit</c>. The host feeds them:
/// <see cref="Start"/> when a session starts and disposing the returned lease when it ends.
/// </summary>
/// <remarks>
/// The in-memory default counts one process (<see cref="RoutingServices.CreateInMemorySessionCounters"/>). An implementation shared by
/// several nodes answers the reads from a store; it must still answer in bounded time and never throw
/// into the routing call, because the rules read these values synchronously.
/// </remarks>
public interface ISessionCounters
{
    /// <summary>The number of sessions in progress.</summary>
    int Concurrent { get; }

    /// <summary>Sessions started during the last second.</summary>
    int SessionsPerSecond { get; }

    /// <summary>Records the start of a session.</summary>
    /// <param name="routeName">The route it counts under (<c>$routename</c>), or null for none.</param>
    /// <returns>A lease to dispose when the session ends; disposing it more than once has no further effect.</returns>
    IDisposable Start(string? routeName);

    /// <summary>The number of sessions in progress under a route name (0 for an unknown name).</summary>
    int GetConcurrent(ReadOnlySpan<char> routeName);

    /// <summary>The number of sessions started under a route name during the last second.</summary>
    int GetSessionsPerSecond(ReadOnlySpan<char> routeName);
}
