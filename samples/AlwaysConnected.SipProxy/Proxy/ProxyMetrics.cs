using System.Diagnostics.Metrics;

namespace AlwaysConnected.SipProxy.Proxy;

/// <summary>
/// The proxy role's own counters (meter <c>AlwaysConnected.SipProxy</c>): malformed responses dropped instead of
/// relayed, and next hops given up on in a <c>$target</c> failover list. The totals are kept here too, for tests.
/// </summary>
internal sealed class ProxyMetrics : IDisposable
{
    public const string MeterName = "AlwaysConnected.SipProxy";
    private readonly Meter _meter;
    private readonly Counter<long> _droppedResponses;
    private readonly Counter<long> _failovers;
    private long _droppedTotal;
    private long _failoverTotal;

    public ProxyMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _droppedResponses = _meter.CreateCounter<long>("sipproxy.responses.dropped", "{response}", "Responses dropped because they failed validation (RFC 3261 §8.2, §16.7).");
        _failovers = _meter.CreateCounter<long>("sipproxy.nexthop.failovers", "{failover}", "Next hops of a $target list given up on (503 or timeout).");
    }

    /// <summary>Malformed responses dropped so far.</summary>
    public long DroppedResponses => Interlocked.Read(ref _droppedTotal);

    /// <summary>Next hops given up on so far.</summary>
    public long Failovers => Interlocked.Read(ref _failoverTotal);

    public void ResponseDropped(string reason)
    {
        Interlocked.Increment(ref _droppedTotal);
        _droppedResponses.Add(1, new KeyValuePair<string, object?>("reason", reason));
    }

    public void NextHopFailedOver(string why)
    {
        Interlocked.Increment(ref _failoverTotal);
        _failovers.Add(1, new KeyValuePair<string, object?>("why", why));
    }

    public void Dispose() => _meter.Dispose();
}
