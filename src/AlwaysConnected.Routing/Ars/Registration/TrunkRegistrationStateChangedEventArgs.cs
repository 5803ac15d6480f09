namespace AlwaysConnected.Routing.Ars.Registration;

/// <summary>A route's registration changed state.</summary>
public sealed class TrunkRegistrationStateChangedEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    /// <param name="previous">The state before.</param>
    /// <param name="current">The state now.</param>
    public TrunkRegistrationStateChangedEventArgs(TrunkRegistrationState previous, TrunkRegistrationState current)
    {
        Previous = previous ?? throw new ArgumentNullException(nameof(previous));
        Current = current ?? throw new ArgumentNullException(nameof(current));
    }

    /// <summary>The state before the change.</summary>
    public TrunkRegistrationState Previous { get; }

    /// <summary>The state now.</summary>
    public TrunkRegistrationState Current { get; }
}
