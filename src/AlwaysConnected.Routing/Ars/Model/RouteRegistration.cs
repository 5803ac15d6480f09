namespace AlwaysConnected.Routing.Ars;

/// <summary>
/// The REGISTER a route sends to a remote registrar (the vendor's "Registration" section). Per the vendor,
/// its user and password also answer the provider's challenges on outbound calls when the route has no
/// separate credentials (see <see cref="ArsRoute.EffectiveCredentials"/>).
/// </summary>
/// <remarks><see cref="ToString"/> never shows the password, so the record is safe to log.</remarks>
public sealed record RouteRegistration
{
    /// <summary>The vendor's default expiry, in seconds.</summary>
    public const int DefaultExpirySeconds = 3600;

    /// <summary>The vendor's default update period, as a percentage of the expiry.</summary>
    public const int DefaultUpdatePercent = 90;

    private readonly string _registerUri = "";
    private readonly string? _proxy;
    private readonly int _expirySeconds;
    private readonly int _updatePercent;
    private readonly string? _user;
    private readonly string? _password;

    /// <summary>Creates a registration.</summary>
    /// <param name="registerUri">The address of record to register, e.g. <c>sip:acct@itsp.example</c>.</param>
    /// <param name="proxy">The registrar address when it is not the Register URI's host; null otherwise.</param>
    /// <param name="expirySeconds">The Expires value asked for (at least 1).</param>
    /// <param name="updatePercent">When to re-register, as a percentage of the expiry (1-100).</param>
    /// <param name="user">The authentication user; null when the registrar does not challenge.</param>
    /// <param name="password">The authentication password; null when the registrar does not challenge.</param>
    public RouteRegistration(
        string registerUri,
        string? proxy = null,
        int expirySeconds = DefaultExpirySeconds,
        int updatePercent = DefaultUpdatePercent,
        string? user = null,
        string? password = null)
    {
        RegisterUri = registerUri;
        Proxy = proxy;
        ExpirySeconds = expirySeconds;
        UpdatePercent = updatePercent;
        User = user;
        Password = password;
    }

    /// <summary>The address of record to register.</summary>
    public string RegisterUri { get => _registerUri; init => _registerUri = ArsModelGuard.Required(value, nameof(RegisterUri)); }

    /// <summary>The registrar address, or null for the Register URI's host.</summary>
    public string? Proxy { get => _proxy; init => _proxy = ArsModelGuard.Optional(value, nameof(Proxy)); }

    /// <summary>The Expires value asked for, in seconds.</summary>
    public int ExpirySeconds { get => _expirySeconds; init => _expirySeconds = ArsModelGuard.AtLeast(value, 1, nameof(ExpirySeconds)); }

    /// <summary>When to re-register, as a percentage of the expiry.</summary>
    public int UpdatePercent { get => _updatePercent; init => _updatePercent = ArsModelGuard.InRange(value, 1, 100, nameof(UpdatePercent)); }

    /// <summary>The authentication user, or null.</summary>
    public string? User { get => _user; init => _user = ArsModelGuard.Optional(value, nameof(User)); }

    /// <summary>The authentication password, or null.</summary>
    public string? Password
    {
        get => _password;
        init => _password = value is null ? null : ArsModelGuard.NoControl(value, nameof(Password));
    }

    /// <summary>Describes the registration without the password.</summary>
    /// <returns>All fields except the password, which is shown as <c>***</c> when set.</returns>
    public override string ToString() =>
        $"RouteRegistration {{ RegisterUri = {_registerUri}, Proxy = {_proxy}, ExpirySeconds = {_expirySeconds}, UpdatePercent = {_updatePercent}, User = {_user}, Password = {(_password is null ? "" : "***")} }}";
}
