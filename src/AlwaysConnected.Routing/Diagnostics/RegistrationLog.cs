using AlwaysConnected.Routing.Ars.Registration;
using Microsoft.Extensions.Logging;

namespace AlwaysConnected.Routing.Diagnostics;

/// <summary>The trunk registrar's log messages, source-generated so that disabled levels cost nothing.</summary>
internal static partial class RegistrationLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Trunk registration of route {Route} ({AddressOfRecord}): {Status}, binding until {ExpiresAt}")]
    public static partial void Changed(ILogger logger, string route, string addressOfRecord, TrunkRegistrationStatus status, DateTimeOffset? expiresAt);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Trunk registration of route {Route} ({AddressOfRecord}) failed: {StatusCode} {Reason}; next attempt at {NextAttemptAt}")]
    public static partial void Failed(ILogger logger, string route, string addressOfRecord, int statusCode, string reason, DateTimeOffset? nextAttemptAt);

    [LoggerMessage(EventId = 103, Level = LogLevel.Error, Message = "Trunk registration of route {Route} cannot be sent: {Reason}")]
    public static partial void Invalid(ILogger logger, string route, string reason);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Trunk registration of route {Route}: the host could not send the REGISTER")]
    public static partial void SendFailed(ILogger logger, string route, Exception exception);

    [LoggerMessage(EventId = 105, Level = LogLevel.Error, Message = "Trunk registration of route {Route}: a StateChanged handler threw")]
    public static partial void HandlerFailed(ILogger logger, string route, Exception exception);

    [LoggerMessage(EventId = 106, Level = LogLevel.Error, Message = "Trunk registrations not updated: the ARS definition's routes cannot be generated")]
    public static partial void DefinitionRejected(ILogger logger, Exception exception);
}
