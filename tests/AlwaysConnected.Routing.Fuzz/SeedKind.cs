namespace AlwaysConnected.Routing.Fuzz;

/// <summary>The kinds of test files that seed a target's corpus.</summary>
[Flags]
internal enum SeedKind
{
    /// <summary>SIP messages: RFC 4475 and the project's test messages.</summary>
    SipMessages = 1,

    /// <summary>Header values cut out of the SIP messages (URIs, name-addrs, Via values).</summary>
    HeaderValues = 2,

    /// <summary>Dial plan rule text.</summary>
    DialPlanText = 4,

    /// <summary>ARS route text.</summary>
    ArsText = 8,
}
