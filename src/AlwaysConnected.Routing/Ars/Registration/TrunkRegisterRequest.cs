namespace AlwaysConnected.Routing.Ars.Registration;

/// <summary>One REGISTER ready to send: the complete message and its destination.</summary>
public sealed class TrunkRegisterRequest
{
    internal TrunkRegisterRequest(string routeName, string host, int port, SipTransport transport, string callId, ReadOnlyMemory<byte> message)
    {
        RouteName = routeName;
        Host = host;
        Port = port;
        Transport = transport;
        CallId = callId;
        Message = message;
    }

    /// <summary>The ARS route the registration belongs to.</summary>
    public string RouteName { get; }

    /// <summary>The registrar's host: the route's Proxy, else the Register URI's host (an IP literal or a name to resolve; IPv6 without brackets).</summary>
    public string Host { get; }

    /// <summary>The registrar's port.</summary>
    public int Port { get; }

    /// <summary>The transport the Via and Contact name (<see cref="TrunkRegistrarOptions.Transport"/>).</summary>
    public SipTransport Transport { get; }

    /// <summary>The registration's Call-ID; every response to it carries the same one.</summary>
    public string CallId { get; }

    /// <summary>The complete request, ready to write to the socket.</summary>
    public ReadOnlyMemory<byte> Message { get; }
}
