using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace AlwaysConnected.Routing.Tests.Support;

/// <summary>
/// A name → address map for the tests' next hops and registrars. Thread-safe; lookups allocate nothing.
/// </summary>
internal sealed class InMemorySipHostResolver : ISipHostResolver
{
    private readonly ConcurrentDictionary<string, IPEndPoint> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, IPEndPoint>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>Creates an empty map.</summary>
    public InMemorySipHostResolver() => _lookup = _entries.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The number of names mapped.</summary>
    public int Count => _entries.Count;

    /// <summary>Maps a name to an address, replacing any earlier mapping.</summary>
    /// <param name="name">The host name (case-insensitive).</param>
    /// <param name="endPoint">The address; port 0 means "the hop's port, else the transport's default".</param>
    public void Set(string name, IPEndPoint endPoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(endPoint);
        _entries[name] = endPoint;
    }

    /// <summary>Removes a name.</summary>
    /// <param name="name">The host name.</param>
    /// <returns>Whether it was mapped.</returns>
    public bool Remove(string name) => _entries.TryRemove(name, out _);

    /// <inheritdoc />
    public bool TryResolve(ReadOnlySpan<char> host, int port, SipTransport? transport, [NotNullWhen(true)] out IPEndPoint? endPoint) =>
        _lookup.TryGetValue(host, out endPoint);
}
