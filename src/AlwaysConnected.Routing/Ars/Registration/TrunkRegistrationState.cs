namespace AlwaysConnected.Routing.Ars.Registration;

/// <summary>A read-only view of one route's registration at a moment.</summary>
/// <param name="RouteName">The ARS route.</param>
/// <param name="AddressOfRecord">The address of record registered, e.g. <c>sip:acct@itsp.example</c>.</param>
/// <param name="Status">Where the registration stands.</param>
/// <param name="ExpiresAt">When the binding ends (<see cref="TrunkRegistrationStatus.Registered"/>), else null.</param>
/// <param name="StatusCode">The last final response's status; 408 for no response, 0 when the request could not be sent; null before any answer.</param>
/// <param name="Reason">Why the last attempt failed, or the registrar's reason phrase; null when there is nothing to say.</param>
/// <param name="NextAttemptAt">When the next REGISTER is due (refresh or retry), or null.</param>
public sealed record TrunkRegistrationState(
    string RouteName,
    string AddressOfRecord,
    TrunkRegistrationStatus Status,
    DateTimeOffset? ExpiresAt,
    int? StatusCode,
    string? Reason,
    DateTimeOffset? NextAttemptAt)
{
    /// <summary>Describes the state in one line, e.g. <c>itsp: Registered until 2026-01-01T10:00:00Z</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Status switch
    {
        TrunkRegistrationStatus.Registered => $"{RouteName}: Registered until {ExpiresAt:O}",
        TrunkRegistrationStatus.Failed => $"{RouteName}: Failed ({StatusCode} {Reason}), next attempt at {NextAttemptAt:O}",
        _ => $"{RouteName}: {Status}",
    };
}
