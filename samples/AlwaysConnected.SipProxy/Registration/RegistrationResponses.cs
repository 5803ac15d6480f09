using AlwaysConnected.Routing.Ars.Registration;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.SipProxy.Transport;

namespace AlwaysConnected.SipProxy.Registration;

/// <summary>
/// Sits in front of the role's handler on the socket REGISTERs leave from: a response whose Call-ID is a
/// registration's goes to the registrar; everything else goes on unchanged.
/// </summary>
internal sealed class RegistrationResponses(ISipMessageHandler inner) : ISipMessageHandler
{
    private TrunkRegistrar? _registrar;

    /// <summary>The registrar to feed; null until the registration service has started.</summary>
    public TrunkRegistrar? Registrar
    {
        get => Volatile.Read(ref _registrar);
        set => Volatile.Write(ref _registrar, value);
    }

    public void Handle(SipNode node, SipMessage message, in Inbound inbound)
    {
        if (!message.IsRequest && Registrar is { } registrar && registrar.TryHandleResponse(message))
        {
            return;
        }

        inner.Handle(node, message, inbound);
    }

    public void HandleInvalid(SipNode node, SipMessage message, SipParseError error, in Inbound inbound) =>
        inner.HandleInvalid(node, message, error, inbound);
}
