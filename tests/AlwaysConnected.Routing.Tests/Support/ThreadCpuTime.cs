using System.Runtime.InteropServices;

namespace AlwaysConnected.Routing.Tests.Support;

/// <summary>
/// CPU time the calling thread has used, in nanoseconds. Complexity tests compare costs with it rather than
/// with wall-clock time: on a loaded machine a long run is preempted many times and a short one not at all,
/// which makes wall-clock ratios say nothing about the algorithm.
/// </summary>
internal static partial class ThreadCpuTime
{
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>Whether the clock is available (Linux); elsewhere tests fall back to wall-clock time.</summary>
    public static bool IsSupported { get; } = OperatingSystem.IsLinux() && TryRead(out _);

    /// <summary>The thread's CPU time now.</summary>
    public static long NowNanoseconds() =>
        TryRead(out var value) ? value : throw new PlatformNotSupportedException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");

    private static bool TryRead(out long nanoseconds)
    {
        nanoseconds = 0;
        if (clock_gettime(ClockThreadCpuTimeId, out var spec) != 0)
        {
            return false;
        }

        nanoseconds = (spec.Seconds * 1_000_000_000L) + spec.Nanoseconds;
        return true;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int clock_gettime(int clockId, out TimeSpec value);
}
