namespace AlwaysConnected.SipProxy;

/// <summary>The server's own settings (section <c>SipProxy</c>); the routing rules live in section <c>Routing</c>.</summary>
internal sealed class SipProxyOptions
{
    public const string SectionName = "SipProxy";

    /// <summary>The address both roles bind to; loopback by default so the sample never listens on a network.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>The SIP server's port (the dial plan role).</summary>
    public int SipPort { get; set; } = 5060;

    /// <summary>The PBX core's port (the ARS role); 0 turns the role off.</summary>
    public int PbxCorePort { get; set; } = 5052;

    /// <summary>Whether TCP is served besides UDP.</summary>
    public bool EnableTcp { get; set; } = true;

    /// <summary>How often, per peer, bad input is logged at most (the rest is counted).</summary>
    public int BadInputLogIntervalSeconds { get; set; } = 10;

    /// <summary>Threads receiving on each role's UDP socket, each handling its datagram to the end; 0 = one per core.</summary>
    public int ReceiveWorkers { get; set; }

    /// <summary>Largest message accepted on TCP before the connection is answered 400 / closed.</summary>
    public int MaxMessageSize { get; set; } = 65535;

    /// <summary>
    /// How long an INVITE sent to one next hop of a <c>$target</c> failover list waits for any response before
    /// the next hop is tried (the last hop's silence is answered 408). Default 2000 ms.
    /// </summary>
    public int NextHopTimeoutMilliseconds { get; set; } = 2000;

    /// <summary>Static name resolution (<c>name</c> → <c>ip[:port]</c>) so the sample needs no DNS.</summary>
    public Dictionary<string, string> Hosts { get; } = new(StringComparer.OrdinalIgnoreCase);
}
