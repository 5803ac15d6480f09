namespace AlwaysConnected.Routing;

/// <summary>The rule stage that made a decision.</summary>
public enum RoutingStage
{
    /// <summary>No stage decided (no match, or not routed yet).</summary>
    None,

    /// <summary>The SIP server's dial plan.</summary>
    DialPlan,

    /// <summary>The PBX's ARS IN routes.</summary>
    ArsIn,

    /// <summary>The PBX's ARS OUT routes.</summary>
    ArsOut,

    /// <summary>The request was refused before any rule ran: it failed the RFC 3261 checks (<see cref="SipRouterOptions.ValidateRequests"/>).</summary>
    Validation,
}
