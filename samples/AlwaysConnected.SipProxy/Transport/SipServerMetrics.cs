using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AlwaysConnected.SipProxy.Transport;

/// <summary>
/// The server's packet counters through <see cref="System.Diagnostics.Metrics"/> (meter
/// <c>AlwaysConnected.SipProxy</c>): datagrams received, sent and dropped, and the time from a datagram's
/// receive to the send it caused. Each instrument carries the role (<c>sip.role</c>). Read them with
/// <c>dotnet-counters monitor --counters AlwaysConnected.SipProxy</c> or any OpenTelemetry exporter.
/// </summary>
internal sealed class SipServerMetrics : IDisposable
{
    public const string MeterName = "AlwaysConnected.SipProxy";
    private readonly Meter _meter;
    private readonly Counter<long> _received;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _dropped;
    private readonly Histogram<double> _receiveToSend;

    public SipServerMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _received = _meter.CreateCounter<long>("sip.server.datagrams.received", "{datagram}", "UDP datagrams received.");
        _sent = _meter.CreateCounter<long>("sip.server.datagrams.sent", "{datagram}", "UDP datagrams sent (forwarded requests and responses, answers).");
        _dropped = _meter.CreateCounter<long>("sip.server.datagrams.dropped", "{datagram}", "Messages received and neither forwarded nor answered (unreadable, not for us, not routable).");
        _receiveToSend = _meter.CreateHistogram<double>("sip.server.receive_to_send.duration", "s", "Time from a datagram's receive to the send it caused, on the receiving thread.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.000005, 0.00001, 0.00002, 0.00005, 0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01] });
    }

    /// <summary>The counters of one role, with its tag made once.</summary>
    public RoleMetrics ForRole(string role) => new(this, new KeyValuePair<string, object?>("sip.role", role));

    public void Dispose() => _meter.Dispose();

    internal sealed class RoleMetrics(SipServerMetrics metrics, KeyValuePair<string, object?> role)
    {
        public void Received() => metrics._received.Add(1, role);

        public void Dropped() => metrics._dropped.Add(1, role);

        /// <param name="receivedAt">The receive timestamp of the datagram being handled, 0 when the send has no such cause.</param>
        public void Sent(long receivedAt)
        {
            metrics._sent.Add(1, role);
            if (receivedAt != 0)
            {
                metrics._receiveToSend.Record(Stopwatch.GetElapsedTime(receivedAt).TotalSeconds, role);
            }
        }
    }
}
