namespace AlwaysConnected.Routing;

/// <summary>What the host should do with a request.</summary>
public enum RoutingOutcome
{
    /// <summary>No rule matched: route the request as the host would without rules.</summary>
    NoMatch,

    /// <summary>Forward the (possibly rewritten) request, to <see cref="RoutingDecision.Target"/> when set.</summary>
    Forward,

    /// <summary>Answer with <see cref="RoutingDecision.StatusCode"/> and do not route.</summary>
    Reject,

    /// <summary>Answer 403, do not route, and treat the source address as blocked.</summary>
    Block,

    /// <summary>The decision could not be made safely (see <see cref="RoutingDecision.ErrorCode"/>); nothing was edited.</summary>
    Error,
}
