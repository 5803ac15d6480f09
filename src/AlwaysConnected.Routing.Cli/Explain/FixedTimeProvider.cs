namespace AlwaysConnected.Routing.Cli.Explain;

/// <summary>A clock stopped at the instant given with <c>--now</c>, so time-dependent rules explain reproducibly.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now, TimeZoneInfo zone) : TimeProvider
{
    public override TimeZoneInfo LocalTimeZone => zone;

    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}
