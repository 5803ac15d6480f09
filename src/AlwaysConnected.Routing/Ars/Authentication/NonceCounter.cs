namespace AlwaysConnected.Routing.Ars.Authentication;

/// <summary>
/// Counts how often each server nonce has been used (the digest <c>nc</c>), per realm. A new nonce for a realm
/// starts again at 1, so memory stays bounded by the number of realms. Thread-safe.
/// </summary>
internal sealed class NonceCounter
{
    private readonly Dictionary<string, (string Nonce, int Count)> _byRealm = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Returns the next count for a nonce: 1 for a nonce not seen before in that realm, then 2, 3, ...</summary>
    /// <param name="realm">The realm.</param>
    /// <param name="nonce">The server nonce.</param>
    /// <returns>The count to send.</returns>
    public int Next(string realm, string nonce)
    {
        ArgumentNullException.ThrowIfNull(realm);
        ArgumentNullException.ThrowIfNull(nonce);
        lock (_lock)
        {
            var count = _byRealm.TryGetValue(realm, out var entry) && entry.Nonce == nonce && entry.Count < int.MaxValue
                ? entry.Count + 1
                : 1;
            _byRealm[realm] = (nonce, count);
            return count;
        }
    }

    /// <summary>Forgets a realm's nonce, so that the next use counts from 1 (a stale challenge).</summary>
    /// <param name="realm">The realm.</param>
    public void Reset(string realm)
    {
        ArgumentNullException.ThrowIfNull(realm);
        lock (_lock)
        {
            _byRealm.Remove(realm);
        }
    }
}
