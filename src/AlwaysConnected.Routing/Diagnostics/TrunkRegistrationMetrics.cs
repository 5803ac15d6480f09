using System.Diagnostics.Metrics;
using AlwaysConnected.Routing.Ars.Registration;

namespace AlwaysConnected.Routing.Diagnostics;

/// <summary>
/// The trunk registrar's metrics, on a <see cref="Meter"/> named <see cref="RoutingMetrics.MeterName"/>: how many
/// trunks are registered now and how many attempts failed, by status.
/// </summary>
internal sealed class TrunkRegistrationMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly UpDownCounter<long> _registered;
    private readonly Counter<long> _failures;

    /// <summary>Creates the metrics on a meter from <paramref name="meterFactory"/>, or on a meter of its own when null.</summary>
    public TrunkRegistrationMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(RoutingMetrics.MeterName) ?? new Meter(RoutingMetrics.MeterName);
        _ownsMeter = meterFactory is null;
        _registered = _meter.CreateUpDownCounter<long>("sip.trunk.registrations.active", "{trunk}", "Trunks registered with their carrier now.");
        _failures = _meter.CreateCounter<long>("sip.trunk.registration.failures", "{failure}", "Failed REGISTER attempts by status (408: no answer; 0: not sent).");
    }

    internal void RecordChange(TrunkRegistrationState previous, TrunkRegistrationState current)
    {
        var was = previous.Status == TrunkRegistrationStatus.Registered;
        var isNow = current.Status == TrunkRegistrationStatus.Registered;
        if (was != isNow)
        {
            _registered.Add(isNow ? 1 : -1);
        }

        if (current.Status == TrunkRegistrationStatus.Failed)
        {
            _failures.Add(1, new KeyValuePair<string, object?>("status", current.StatusCode ?? 0));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
