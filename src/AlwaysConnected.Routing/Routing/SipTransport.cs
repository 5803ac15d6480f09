namespace AlwaysConnected.Routing;

/// <summary>The transport a request arrived on, as the dial plan's <c>$transport</c> reports it.</summary>
public enum SipTransport
{
    /// <summary>UDP.</summary>
    Udp,

    /// <summary>TCP.</summary>
    Tcp,

    /// <summary>TLS over TCP.</summary>
    Tls,

    /// <summary>WebSocket.</summary>
    WS,

    /// <summary>Secure WebSocket.</summary>
    Wss,
}
