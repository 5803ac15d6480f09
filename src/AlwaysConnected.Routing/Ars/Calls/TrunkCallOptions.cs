using AlwaysConnected.Routing.Ars.Authentication;

namespace AlwaysConnected.Routing.Ars.Calls;

/// <summary>What the trunk calls of one host share.</summary>
public sealed class TrunkCallOptions
{
    // Answers the trunks' digest challenges and keeps the nonce counts; one per host (tests pin its cnonce).
    internal DigestAuthenticator Authenticator { get; init; } = new();

    /// <summary>
    /// Called (on a timer thread) when a trunk gave no response within its response timeout; the host then calls
    /// <see cref="TrunkCall.OnResponseTimeout"/> the way it hands over any other event. When null, no timer is set
    /// and the host calls <see cref="TrunkCall.OnResponseTimeout"/> itself at <see cref="TrunkCall.ResponseDeadline"/>.
    /// Must not throw.
    /// </summary>
    public Action<TrunkCall>? ResponseTimedOut { get; init; }
}
