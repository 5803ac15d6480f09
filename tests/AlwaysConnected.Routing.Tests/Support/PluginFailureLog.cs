using System.Collections.Concurrent;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Ars.Evaluation;
using Microsoft.Extensions.Logging;

namespace AlwaysConnected.Routing.Tests.Support;

/// <summary>
/// A router logger that keeps the plug-in failures it logs, read back from the log entry's own fields
/// (warning level, with the exception), so tests assert what an operator's log receives.
/// </summary>
internal sealed class PluginFailureLog : ILogger<SipRouter>
{
    private readonly ConcurrentQueue<LoggedPluginFailure> _failures = new();

    /// <summary>Every plug-in failure logged so far, in order.</summary>
    public IReadOnlyList<LoggedPluginFailure> Failures => [.. _failures];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (state is not IReadOnlyList<KeyValuePair<string, object?>> fields || !fields.Any(f => f.Key == "Plugin"))
        {
            return;
        }

        var field = fields.ToDictionary(f => f.Key, f => f.Value);
        _failures.Enqueue(new LoggedPluginFailure(
            logLevel,
            formatter(state, exception),
            (string)field["Route"]!,
            (string)field["Direction"]! == "IN" ? ArsDirection.In : ArsDirection.Out,
            (int)field["Block"]!,
            (int)field["Slot"]!,
            (string)field["Plugin"]!,
            (string)field["Failure"]! == "timed out" ? ArsPluginFailureKind.TimedOut : ArsPluginFailureKind.Threw,
            exception));
    }
}

/// <summary>One logged plug-in failure: its level and text, and the fields the entry carries.</summary>
internal sealed record LoggedPluginFailure(
    LogLevel Level,
    string Message,
    string RouteName,
    ArsDirection Direction,
    int BlockNumber,
    int Slot,
    string PluginName,
    ArsPluginFailureKind Kind,
    Exception? Exception);
