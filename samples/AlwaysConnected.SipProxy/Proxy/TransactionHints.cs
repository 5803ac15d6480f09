using System.Collections.Concurrent;
using AlwaysConnected.SipProxy.Transport;

namespace AlwaysConnected.SipProxy.Proxy;

/// <summary>
/// What a stateless proxy still needs to remember for a short while (RFC 3261 Timer B, 32 s): where an
/// INVITE went, so its CANCEL and the ACK of a non-2xx follow it, and which INVITEs this server answered
/// itself, so their ACK is absorbed instead of forwarded.
/// </summary>
/// <remarks>
/// Written by every receive worker for every INVITE, so it takes no lock and allocates nothing: a fixed
/// table of <see cref="SlotCount"/> slots in pairs (a branch may sit in either slot of its pair; a new
/// entry takes the free, expired or older one), each slot guarded by a version number (odd while being
/// written; a reader that sees it change treats the slot as empty). The table holds the last 32 s of
/// INVITEs up to its size (the whole 32 s at 4,000 calls/s); past that the oldest hints go first, which
/// only matters for a CANCEL or non-2xx ACK that arrives later than that. Request-URIs longer than a
/// slot's room are kept in a small side map.
/// </remarks>
internal sealed class TransactionHints
{
    internal const int SlotCount = 1 << 17;
    private const int UriRoom = 96;
    private const int SideCapacity = 10_000;
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(32);
    private readonly TimeProvider _time;
    private readonly long _lifetimeTicks;
    private readonly long[] _versions = new long[SlotCount];
    private readonly ulong[] _keys = new ulong[SlotCount];
    private readonly long[] _expires = new long[SlotCount];
    private readonly Peer?[] _destinations = new Peer?[SlotCount];
    private readonly short[] _uriLengths = new short[SlotCount];
    private readonly byte[] _uris = new byte[SlotCount * UriRoom];
    private readonly ConcurrentDictionary<ulong, byte[]> _longUris = new();

    public TransactionHints(TimeProvider time)
    {
        _time = time;
        _lifetimeTicks = (long)(Lifetime.TotalSeconds * time.TimestampFrequency);
    }

    public void RememberForwarded(ReadOnlySpan<byte> branch, Peer destination, ReadOnlySpan<byte> requestUri) =>
        Store(Key(branch), destination, requestUri);

    public void RememberAnswered(ReadOnlySpan<byte> branch) => Store(Key(branch), null, default);

    /// <summary>The hint of a branch; allocates only on a hit (a CANCEL or the ACK of a non-2xx).</summary>
    public bool TryGet(ReadOnlySpan<byte> branch, out Hint hint)
    {
        var key = Key(branch);
        var now = _time.GetTimestamp();
        var pair = (int)(key & (SlotCount - 1)) & ~1;
        for (var slot = pair; slot < pair + 2; slot++)
        {
            var version = Volatile.Read(ref _versions[slot]);
            if ((version & 1) != 0 || _keys[slot] != key || _expires[slot] <= now)
            {
                continue;
            }

            var destination = _destinations[slot];
            var length = _uriLengths[slot];
            byte[]? uri = length switch
            {
                > 0 => _uris.AsSpan(slot * UriRoom, length).ToArray(),
                < 0 => _longUris.TryGetValue(key, out var stored) ? stored : null,
                _ => null,
            };
            Interlocked.MemoryBarrier();
            if (Volatile.Read(ref _versions[slot]) != version || (length < 0 && uri is null))
            {
                continue;
            }

            hint = new Hint(destination, uri, LocallyAnswered: destination is null);
            return true;
        }

        hint = null!;
        return false;
    }

    private void Store(ulong key, Peer? destination, ReadOnlySpan<byte> requestUri)
    {
        var now = _time.GetTimestamp();
        var pair = (int)(key & (SlotCount - 1)) & ~1;
        // The slot already holding this branch, else a free or expired one, else the one that expires first.
        var slot = _keys[pair] == key ? pair
            : _keys[pair + 1] == key ? pair + 1
            : _expires[pair] <= now ? pair
            : _expires[pair + 1] <= now ? pair + 1
            : _expires[pair] <= _expires[pair + 1] ? pair : pair + 1;
        var version = Volatile.Read(ref _versions[slot]);
        if ((version & 1) != 0 || Interlocked.CompareExchange(ref _versions[slot], version + 1, version) != version)
        {
            return; // another worker is writing this slot right now: a hint is best effort
        }

        _keys[slot] = key;
        _expires[slot] = now + _lifetimeTicks;
        _destinations[slot] = destination;
        if (requestUri.Length <= UriRoom)
        {
            requestUri.CopyTo(_uris.AsSpan(slot * UriRoom, UriRoom));
            _uriLengths[slot] = (short)requestUri.Length;
        }
        else
        {
            if (_longUris.Count >= SideCapacity)
            {
                _longUris.Clear();
            }

            _longUris[key] = requestUri.ToArray();
            _uriLengths[slot] = -1;
        }

        Volatile.Write(ref _versions[slot], version + 2);
    }

    /// <summary>FNV-1a (64 bit) of the branch; never 0, which marks a slot never used.</summary>
    private static ulong Key(ReadOnlySpan<byte> branch)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in branch)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash == 0 ? 1 : hash;
    }

    internal sealed record Hint(Peer? Destination, byte[]? RequestUri, bool LocallyAnswered);
}
