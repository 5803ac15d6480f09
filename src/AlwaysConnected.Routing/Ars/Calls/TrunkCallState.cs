namespace AlwaysConnected.Routing.Ars.Calls;

/// <summary>Where a <see cref="TrunkCall"/> stands.</summary>
public enum TrunkCallState
{
    /// <summary>Not started (new, or back in its pool).</summary>
    Idle,

    /// <summary>The request is on its way to a trunk; no final response yet.</summary>
    Calling,

    /// <summary>The trunk challenged; the request was sent again with credentials; no final response yet.</summary>
    Authenticating,

    /// <summary>The trunk answered 2xx; the session counts until the call ends.</summary>
    Established,

    /// <summary>The call is over (answered with an error, cancelled, ended, failed or disposed); it holds no session.</summary>
    Ended,
}
