namespace AlwaysConnected.Routing.Ars;

/// <summary>The account a route answers a trunk's digest challenge (401/407) with.</summary>
/// <remarks><see cref="ToString"/> never shows the password, so the record is safe to log.</remarks>
public sealed record TrunkCredentials
{
    private readonly string _user = "";
    private readonly string _password = "";
    private readonly string? _authUser;
    private readonly string? _realm;

    /// <summary>Creates credentials.</summary>
    /// <param name="user">The account (SIP user).</param>
    /// <param name="password">The password; may be empty.</param>
    /// <param name="authUser">The digest user name when it differs from <paramref name="user"/>; null otherwise.</param>
    /// <param name="realm">The only realm these credentials answer; null for any realm.</param>
    public TrunkCredentials(string user, string password, string? authUser = null, string? realm = null)
    {
        User = user;
        Password = password;
        AuthUser = authUser;
        Realm = realm;
    }

    /// <summary>The account (SIP user).</summary>
    public string User { get => _user; init => _user = ArsModelGuard.Required(value, nameof(User)); }

    /// <summary>The password.</summary>
    public string Password
    {
        get => _password;
        init => _password = ArsModelGuard.NoControl(value ?? throw new ArgumentNullException(nameof(Password)), nameof(Password));
    }

    /// <summary>The digest user name when it differs from <see cref="User"/>, or null.</summary>
    public string? AuthUser { get => _authUser; init => _authUser = ArsModelGuard.Optional(value, nameof(AuthUser)); }

    /// <summary>The only realm these credentials answer, or null for any realm.</summary>
    public string? Realm { get => _realm; init => _realm = ArsModelGuard.Optional(value, nameof(Realm)); }

    /// <summary>The user name to put in a digest response: <see cref="AuthUser"/> if set, else <see cref="User"/>.</summary>
    public string DigestUserName => _authUser ?? _user;

    /// <summary>Describes the credentials without the password.</summary>
    /// <returns>User, auth user and realm; the password is shown as <c>***</c>.</returns>
    public override string ToString() =>
        $"TrunkCredentials {{ User = {_user}, AuthUser = {_authUser}, Realm = {_realm}, Password = *** }}";
}
