using Microsoft.Extensions.Logging;

namespace AlwaysConnected.Routing.Redis.Connection;

/// <summary>The package's log messages. Availability is logged once per transition, never per call.</summary>
internal static partial class RedisStateLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Redis routing state unavailable ({Reason}): each kind of state now follows its outage policy (sessions {SessionsPolicy}, block list {BlockListPolicy}, directory {DirectoryPolicy}; trunk failure marks stay local)")]
    public static partial void Unavailable(ILogger logger, string reason, RedisOutagePolicy sessionsPolicy, RedisOutagePolicy blockListPolicy, RedisOutagePolicy directoryPolicy);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Redis routing state available again: shared counting resumes ({Leases} live leases of this node re-registered)")]
    public static partial void Available(ILogger logger, int leases);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Redis routing state connected (key prefix {KeyPrefix}, node {NodeId})")]
    public static partial void Connected(ILogger logger, string keyPrefix, string nodeId);
}
