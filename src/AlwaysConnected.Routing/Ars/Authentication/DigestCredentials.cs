namespace AlwaysConnected.Routing.Ars.Authentication;

/// <summary>The user name and password a digest response is computed from.</summary>
/// <remarks><see cref="ToString"/> never shows the password, so the record is safe to log.</remarks>
internal sealed record DigestCredentials
{
    /// <summary>Creates credentials.</summary>
    /// <param name="username">The digest user name; not empty.</param>
    /// <param name="password">The password; may be empty.</param>
    public DigestCredentials(string username, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentNullException.ThrowIfNull(password);
        if (username.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            throw new ArgumentException("The user name must not contain CR, LF or NUL.", nameof(username));
        }

        Username = username;
        Password = password;
    }

    /// <summary>The digest user name.</summary>
    public string Username { get; }

    /// <summary>The password.</summary>
    public string Password { get; }

    /// <summary>Takes a route's trunk credentials, using the auth user when one is set.</summary>
    /// <param name="credentials">The route's credentials.</param>
    /// <returns>The digest credentials.</returns>
    public static DigestCredentials FromTrunk(TrunkCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return new DigestCredentials(credentials.DigestUserName, credentials.Password);
    }

    /// <summary>Describes the credentials without the password.</summary>
    /// <returns>The user name; the password is shown as <c>***</c>.</returns>
    public override string ToString() => $"DigestCredentials {{ Username = {Username}, Password = *** }}";
}
