namespace AlwaysConnected.Routing.Redis;

/// <summary>What a kind of shared state does while Redis is unreachable or slower than the timeout.</summary>
/// <remarks>docs/cluster.md lists what each policy means for each kind of state.</remarks>
public enum RedisOutagePolicy
{
    /// <summary>
    /// Keep routing on what this node knows: counts and limits apply per node, blocks and
    /// registrations added on this node still hold. Calls keep flowing; the cluster-wide view is lost
    /// until Redis is back.
    /// </summary>
    FailOpen,

    /// <summary>
    /// Refuse what cannot be checked: no new session leases (blocks read as full, limits as reached),
    /// every address reads as blocked, registrar and alias lookups find nothing.
    /// </summary>
    FailClosed,
}
