using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;

namespace AlwaysConnected.SipProxy.Transport;

/// <summary>
/// Logs bad input at most once per peer address per interval, with the number of events suppressed
/// since, so a peer spraying garbage cannot flood the log (or the disk).
/// </summary>
internal sealed partial class BadInputLimiter(ILogger<BadInputLimiter> logger, TimeProvider time, TimeSpan interval)
{
    private const int MaxTrackedPeers = 10_000;
    private readonly ConcurrentDictionary<IPAddress, PeerState> _peers = new();

    public void Report(IPEndPoint peer, string kind, string detail)
    {
        var now = time.GetTimestamp();
        if (_peers.Count >= MaxTrackedPeers)
        {
            // Bounded memory: forget everyone rather than grow without limit under a spray of sources.
            _peers.Clear();
        }

        var state = _peers.GetOrAdd(peer.Address, _ => new PeerState());
        long suppressed;
        lock (state)
        {
            if (state.LastLogged != 0 && time.GetElapsedTime(state.LastLogged, now) < interval)
            {
                state.Suppressed++;
                return;
            }

            suppressed = state.Suppressed;
            state.Suppressed = 0;
            state.LastLogged = now;
        }

        LogBadInput(peer, kind, detail, suppressed);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "Bad input from {Peer}: {Kind}: {Detail} ({Suppressed} more since the last report)")]
    private partial void LogBadInput(IPEndPoint peer, string kind, string detail, long suppressed);

    private sealed class PeerState
    {
        public long LastLogged;
        public long Suppressed;
    }
}
