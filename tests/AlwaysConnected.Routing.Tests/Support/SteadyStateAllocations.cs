namespace AlwaysConnected.Routing.Tests.Support;

/// <summary>
/// Measures what a hot path allocates once it is warm, on the test's own thread.
/// </summary>
/// <remarks>
/// On a busy machine the runtime can do one-off work on the test's thread in the middle of a
/// measurement (a method reaching its next compilation tier), which shows up as a few kilobytes once.
/// An allocation of the hot path itself repeats in every round, so the fewest bytes over a few
/// rounds is the hot path's own figure; a round of zero ends the measurement early.
/// </remarks>
internal static class SteadyStateAllocations
{
    /// <summary>Runs <paramref name="action"/> to warm it up, then in rounds; returns the fewest bytes a round allocated.</summary>
    public static long Measure(Action action, int warmUp = 100, int iterations = 1000, int rounds = 3)
    {
        for (var i = 0; i < warmUp; i++)
        {
            action();
        }

        var fewest = long.MaxValue;
        for (var round = 0; round < rounds && fewest > 0; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < iterations; i++)
            {
                action();
            }

            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }
}
