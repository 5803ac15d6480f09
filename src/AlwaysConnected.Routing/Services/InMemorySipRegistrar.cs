using System.Collections.Concurrent;

namespace AlwaysConnected.Routing.Services;

/// <summary>A thread-safe in-memory registrar, the default <see cref="ISipRegistrar"/>.</summary>
/// <remarks>
/// Each registration carries its expiry; an expired one reads as absent and is dropped when it is next
/// read, so no timer runs.
/// </remarks>
internal sealed class InMemorySipRegistrar : ISipRegistrar
{
    private const long Forever = long.MaxValue;

    private readonly ConcurrentDictionary<string, Registration> _contacts = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Creates an empty registrar.</summary>
    /// <param name="timeProvider">The clock registrations expire on; the system clock when null.</param>
    public InMemorySipRegistrar(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public bool Register(string user, string contactUri, TimeSpan? expires = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentException.ThrowIfNullOrEmpty(contactUri);
        var until = Forever;
        if (expires is { } lifetime)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero, nameof(expires));
            until = _time.GetUtcNow().UtcTicks + lifetime.Ticks;
        }

        _contacts[user] = new Registration(contactUri, until);
        return true;
    }

    /// <inheritdoc />
    public bool Unregister(string user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return _contacts.TryRemove(user, out var removed) && !IsExpired(removed);
    }

    /// <inheritdoc />
    public string? GetContact(ReadOnlySpan<char> user)
    {
        var lookup = _contacts.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(user, out var key, out var registration))
        {
            return null;
        }

        if (!IsExpired(registration))
        {
            return registration.ContactUri;
        }

        // Expired: drop it unless it was renewed meanwhile.
        _contacts.TryRemove(KeyValuePair.Create(key, registration));
        return null;
    }

    private bool IsExpired(Registration registration) =>
        registration.Until != Forever && _time.GetUtcNow().UtcTicks >= registration.Until;

    private sealed record Registration(string ContactUri, long Until);
}
