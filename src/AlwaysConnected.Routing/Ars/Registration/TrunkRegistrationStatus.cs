namespace AlwaysConnected.Routing.Ars.Registration;

/// <summary>Where a route's registration stands.</summary>
public enum TrunkRegistrationStatus
{
    /// <summary>No binding: not started yet, or de-registered.</summary>
    Unregistered,

    /// <summary>A REGISTER is under way and no binding is known to be active.</summary>
    Registering,

    /// <summary>The registrar accepted the binding until <see cref="TrunkRegistrationState.ExpiresAt"/>.</summary>
    Registered,

    /// <summary>The last attempt failed (<see cref="TrunkRegistrationState.StatusCode"/>, <see cref="TrunkRegistrationState.Reason"/>); another follows at <see cref="TrunkRegistrationState.NextAttemptAt"/>.</summary>
    Failed,
}
