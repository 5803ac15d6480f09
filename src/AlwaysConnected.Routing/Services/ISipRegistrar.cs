namespace AlwaysConnected.Routing.Services;

/// <summary>
/// The registrar the dial plan consults for <c>$registered</c>, <c>$regUri</c>, <c>$regaddr</c> and
/// for <c>To = sip:user@</c> (route to the user's registered contact). The host supplies its own.
/// </summary>
public interface ISipRegistrar
{
    /// <summary>Finds the contact URI registered for a user.</summary>
    /// <param name="user">The user part (e.g. <c>1000</c>).</param>
    /// <returns>The contact URI (e.g. <c>sip:1000@192.0.2.10:5060</c>), or null when the user is not registered.</returns>
    string? GetContact(ReadOnlySpan<char> user);
}
