namespace AlwaysConnected.Routing.Ars.Registration;

/// <summary>
/// The host's transport for REGISTER requests: the <see cref="TrunkRegistrar"/> builds each request and hands it
/// here; the host sends it from its own socket and feeds the answers back through
/// <see cref="TrunkRegistrar.TryHandleResponse(Sip.SipMessage)"/>.
/// </summary>
public interface ITrunkRegistrationSender
{
    /// <summary>Sends one REGISTER (a first attempt, a retransmission, an answer to a challenge or a refresh).</summary>
    /// <param name="request">The request bytes and where they go.</param>
    /// <param name="cancellationToken">Cancelled when the registrar is disposed.</param>
    /// <returns>A task that completes when the request is handed to the network. A fault counts as a failed attempt.</returns>
    ValueTask SendAsync(TrunkRegisterRequest request, CancellationToken cancellationToken);
}
