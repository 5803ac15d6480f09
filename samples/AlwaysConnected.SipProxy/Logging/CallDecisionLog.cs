using System.Net;
using AlwaysConnected.Routing;
using AlwaysConnected.Routing.Sip;
using Microsoft.Extensions.Logging;

namespace AlwaysConnected.SipProxy.Logging;

/// <summary>
/// One Information line per call decision (each INVITE a role routes), so an operator sees where
/// calls go without turning on Debug. Under load the lines are capped per second and the rest are
/// counted and reported in one line; with Information off it costs one level check and allocates nothing.
/// </summary>
internal sealed partial class CallDecisionLog(ILogger<CallDecisionLog> logger, TimeProvider time)
{
    /// <summary>The most decision lines written per second.</summary>
    public const int LinesPerSecond = 20;

    private readonly Lock _gate = new();
    private long _windowStart = long.MinValue;
    private int _written;
    private int _suppressed;

    public void Decided(string role, SipMethod method, IPEndPoint source, RoutingDecision decision)
    {
        if (method != SipMethod.Invite || !logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        int suppressedBefore;
        lock (_gate)
        {
            var now = time.GetTimestamp();
            suppressedBefore = 0;
            if (_windowStart == long.MinValue || time.GetElapsedTime(_windowStart, now) >= TimeSpan.FromSeconds(1))
            {
                suppressedBefore = _suppressed;
                _windowStart = now;
                _written = 0;
                _suppressed = 0;
            }

            if (_written >= LinesPerSecond)
            {
                _suppressed++;
                return;
            }

            _written++;
        }

        if (suppressedBefore > 0)
        {
            LogSuppressed(suppressedBefore, LinesPerSecond);
        }

        LogDecision(role, source, decision.ToString());
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "{Role}: call from {Source}: {Decision}")]
    private partial void LogDecision(string role, IPEndPoint source, string decision);

    [LoggerMessage(EventId = 41, Level = LogLevel.Information, Message = "{Count} more call decisions were not logged (at most {PerSecond} lines per second)")]
    private partial void LogSuppressed(int count, int perSecond);
}
