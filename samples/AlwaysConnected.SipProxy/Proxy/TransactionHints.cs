using System.Collections.Concurrent;
using System.Net;

namespace AlwaysConnected.SipProxy.Proxy;

/// <summary>
/// What a stateless proxy still needs to remember for a short while (RFC 3261 Timer B, 32 s): where an
/// INVITE went, so its CANCEL and the ACK of a non-2xx follow it, and which INVITEs this server answered
/// itself, so their ACK is absorbed instead of forwarded. Bounded in size; entries expire.
/// </summary>
internal sealed class TransactionHints(TimeProvider time)
{
    private const int Capacity = 100_000;
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(32);
    private readonly ConcurrentDictionary<string, Hint> _hints = new(StringComparer.Ordinal);

    public void RememberForwarded(string branch, IPEndPoint destination, byte[] requestUri) =>
        Add(branch, new Hint(destination, requestUri, LocallyAnswered: false, time.GetUtcNow() + Lifetime));

    public void RememberAnswered(string branch) =>
        Add(branch, new Hint(null, null, LocallyAnswered: true, time.GetUtcNow() + Lifetime));

    public bool TryGet(string branch, out Hint hint)
    {
        if (_hints.TryGetValue(branch, out hint!) && hint.Expires > time.GetUtcNow())
        {
            return true;
        }

        hint = null!;
        return false;
    }

    private void Add(string branch, Hint hint)
    {
        if (_hints.Count >= Capacity)
        {
            var now = time.GetUtcNow();
            foreach (var entry in _hints)
            {
                if (entry.Value.Expires <= now)
                {
                    _hints.TryRemove(entry.Key, out _);
                }
            }

            if (_hints.Count >= Capacity)
            {
                _hints.Clear();
            }
        }

        _hints[branch] = hint;
    }

    internal sealed record Hint(IPEndPoint? Destination, byte[]? RequestUri, bool LocallyAnswered, DateTimeOffset Expires);
}
