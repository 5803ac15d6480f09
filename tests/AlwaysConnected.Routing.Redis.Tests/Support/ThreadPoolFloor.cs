using System.Runtime.CompilerServices;

namespace AlwaysConnected.Routing.Redis.Tests.Support;

/// <summary>
/// These tests route from <c>Parallel.For</c> and xunit's own workers, that is on thread-pool threads, while the
/// routing call waits synchronously for Redis, whose replies StackExchange.Redis completes on that same pool. On
/// a two-core machine the pool starts with two threads and grows slowly, so a burst of waiting calls could leave
/// no thread to read the replies and turn a healthy Redis into 5-second timeouts. Hosts get the same advice in
/// docs/cluster.md ("Route on threads that do not starve the thread pool").
/// </summary>
internal static class ThreadPoolFloor
{
    [ModuleInitializer]
    internal static void Raise()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(completionPorts, 16));
    }
}
