namespace AlwaysConnected.Routing.Redis.Tests.Support;

/// <summary>
/// A fact that needs redis-server. Skipped, with the reason shown, when it is not installed, unless
/// <c>ALWAYSCONNECTED_REQUIRE_REDIS=1</c> (set by CI, which installs it): then the test runs and fails, so
/// CI cannot pass by skipping.
/// </summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public const string MissingReason = "redis-server is not installed (Debian package redis-server: apt-get install -y redis-server)";

    public RedisFactAttribute()
    {
        if (RedisServer.Path is null && Environment.GetEnvironmentVariable("ALWAYSCONNECTED_REQUIRE_REDIS") != "1")
        {
            Skip = MissingReason;
        }
    }
}
