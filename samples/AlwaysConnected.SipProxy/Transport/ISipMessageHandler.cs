using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.SipProxy.Transport;

/// <summary>What a listener does with each well-framed message (synchronously: the message is a view over the receive buffer).</summary>
internal interface ISipMessageHandler
{
    void Handle(SipNode node, SipMessage message, in Inbound inbound);

    /// <summary>A message that failed to parse; <paramref name="message"/> holds what could be read.</summary>
    void HandleInvalid(SipNode node, SipMessage message, SipParseError error, in Inbound inbound);
}
