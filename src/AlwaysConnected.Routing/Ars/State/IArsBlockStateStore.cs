namespace AlwaysConnected.Routing.Ars.State;

/// <summary>
/// Keeps the run-time state of ARS blocks (sessions counted against Max Sessions, failure and recovery
/// marks) where several routers share it, e.g. the nodes of a SIP server cluster. Without one (the
/// default) the state lives in this process only and the router never calls out.
/// </summary>
/// <remarks>
/// <para>
/// The router still keeps each block's own view (this node's sessions, the recovery time it knows of)
/// and evaluates candidates from it without calling the store; it asks the store when a session is
/// acquired or released and when a block fails. A store decides atomically across nodes, so two
/// routers cannot both take a block's last free session.
/// </para>
/// <para>
/// Every member is called on a routing thread: it must answer in bounded time and never throw (a store
/// that cannot reach its backend applies its own documented policy). Sessions are fungible per block: a
/// release ends any one of the sessions this node acquired on that block. A store that backs sessions
/// with leases renews them while they live, so a node that stops loses its sessions after their
/// time-to-live instead of holding the channels for good.
/// </para>
/// </remarks>
public interface IArsBlockStateStore
{
    /// <summary>Counts a session against a block unless it is at its limit across every router sharing the store.</summary>
    /// <param name="block">The block.</param>
    /// <param name="maxSessions">Its Max Sessions; negative for no limit.</param>
    /// <returns>True when the session was counted: call <see cref="Release"/> exactly once when it ends.</returns>
    bool TryAcquire(in ArsBlockKey block, int maxSessions);

    /// <summary>Ends one session this router acquired on a block.</summary>
    /// <param name="block">The block.</param>
    void Release(in ArsBlockKey block);

    /// <summary>Tells every router sharing the store that a block failed and is passed over until <paramref name="until"/>.</summary>
    /// <param name="block">The block.</param>
    /// <param name="until">When its recovery time ends.</param>
    void MarkFailed(in ArsBlockKey block, DateTimeOffset until);

    /// <summary>
    /// Called once by the block states the store serves: <paramref name="applyFailure"/> records a failure
    /// another router reported (the block and the end of its recovery time, on this node's clock).
    /// </summary>
    /// <param name="applyFailure">Applies a failure mark; thread-safe, never throws.</param>
    void Attach(Action<ArsBlockKey, DateTimeOffset> applyFailure);
}
