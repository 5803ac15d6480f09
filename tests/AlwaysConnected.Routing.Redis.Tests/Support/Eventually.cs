using System.Diagnostics;

namespace AlwaysConnected.Routing.Redis.Tests.Support;

internal static class Eventually
{
    /// <summary>Polls until the condition holds or the time is up (then returns false).</summary>
    public static bool Within(TimeSpan limit, Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(50);
        }

        return condition();
    }
}
