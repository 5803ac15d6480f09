using System.Diagnostics.Metrics;

namespace AlwaysConnected.Routing.Redis.Connection;

/// <summary>
/// The package's metrics, on a meter named <see cref="MeterName"/>: whether Redis is available, the
/// transitions, and how often each kind of state fell back to its outage policy.
/// </summary>
internal sealed class RedisStateMetrics : IDisposable
{
    public const string MeterName = "AlwaysConnected.Routing.Redis";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _transitions;
    private readonly Counter<long> _fallbacks;

    public RedisStateMetrics(IMeterFactory? meterFactory, Func<bool> isAvailable)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _ownsMeter = meterFactory is null;
        _meter.CreateObservableGauge("sip.routing.redis.available", () => isAvailable() ? 1 : 0, "{state}", "1 while the shared routing state in Redis is reachable, 0 while each kind follows its outage policy.");
        _transitions = _meter.CreateCounter<long>("sip.routing.redis.transitions", "{transition}", "Changes of Redis availability, by the state entered.");
        _fallbacks = _meter.CreateCounter<long>("sip.routing.redis.fallbacks", "{operation}", "Operations answered by the outage policy instead of Redis, by kind of state and policy.");
    }

    /// <summary>The meter (tests listen to one connection's meter only).</summary>
    public Meter Meter => _meter;

    public void Transition(bool available) =>
        _transitions.Add(1, new KeyValuePair<string, object?>("state", available ? "available" : "unavailable"));

    public void Fallback(RedisStateKind kind, RedisOutagePolicy policy)
    {
        if (_fallbacks.Enabled)
        {
            _fallbacks.Add(1, new KeyValuePair<string, object?>("state", KindName(kind)), new KeyValuePair<string, object?>("policy", policy == RedisOutagePolicy.FailOpen ? "fail-open" : "fail-closed"));
        }
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private static string KindName(RedisStateKind kind) => kind switch
    {
        RedisStateKind.ArsBlocks => "ars-blocks",
        RedisStateKind.SessionCounters => "session-counters",
        RedisStateKind.BlockList => "block-list",
        RedisStateKind.Registrar => "registrar",
        _ => "aliases",
    };
}
