using Microsoft.Extensions.Logging;

namespace AlwaysConnected.Routing.Diagnostics;

/// <summary>The router's log messages, source-generated so that disabled levels cost nothing.</summary>
internal static partial class RoutingLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Request decided by {Stage}: {Outcome}, rule {Rule}, snapshot {Version}")]
    public static partial void Decided(ILogger logger, RoutingStage stage, RoutingOutcome outcome, string rule, long version);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Routing rules reloaded: version {Version} now serving ({WarningCount} warning(s))")]
    public static partial void ReloadApplied(ILogger logger, long version, int warningCount);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Routing rules reload rejected; version {Version} keeps serving. Problems: {Problems}")]
    public static partial void ReloadRejected(ILogger logger, long version, string problems);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Routing rules loaded: version {Version} ({WarningCount} warning(s))")]
    public static partial void Loaded(ILogger logger, long version, int warningCount);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "Routing rules reload failed unexpectedly; the previous version keeps serving")]
    public static partial void ReloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Routing rules reload refused: {Cause}; version {Version} keeps serving. Set AllowNoRules in the new configuration to remove every rule on purpose")]
    public static partial void ReloadRefusedNoRules(ILogger logger, long version, string cause);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "Routing configuration changed but its rules and options did not; version {Version} keeps serving")]
    public static partial void ReloadUnchanged(ILogger logger, long version);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Routing rules version {Version}: warning {Id}: {Location}: {Text}")]
    public static partial void RuleWarning(ILogger logger, long version, string id, string location, string text);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "ARS plug-in '{Plugin}' {Failure} in route {Route}, {Direction} block {Block}, slot {Slot}; the slot counted as a mismatch")]
    public static partial void PluginFailed(ILogger logger, string plugin, string failure, string route, string direction, int block, int slot, Exception exception);
}
