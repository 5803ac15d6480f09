using System.Collections.Concurrent;

namespace AlwaysConnected.Routing.Services;

/// <summary>A thread-safe in-memory registrar, the default <see cref="ISipRegistrar"/>.</summary>
public sealed class InMemorySipRegistrar : ISipRegistrar
{
    private readonly ConcurrentDictionary<string, string> _contacts = new(StringComparer.Ordinal);

    /// <summary>Registers (or replaces) the contact of a user.</summary>
    public void Register(string user, string contactUri)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentException.ThrowIfNullOrEmpty(contactUri);
        _contacts[user] = contactUri;
    }

    /// <summary>Removes the registration of a user.</summary>
    /// <returns><see langword="true"/> when the user was registered.</returns>
    public bool Unregister(string user) => _contacts.TryRemove(user, out _);

    /// <inheritdoc />
    public string? GetContact(ReadOnlySpan<char> user) =>
        _contacts.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(user, out var contact) ? contact : null;
}
