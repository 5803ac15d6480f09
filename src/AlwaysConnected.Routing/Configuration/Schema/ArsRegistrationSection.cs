namespace AlwaysConnected.Routing.Configuration;

/// <summary>The REGISTER an ARS route keeps up with its carrier (the text notation's <c>[Registration]</c>).</summary>
internal sealed class ArsRegistrationSection
{
    /// <summary>The address of record, e.g. <c>sip:acct@itsp.example</c>. Required.</summary>
    public string? RegisterUri { get; set; }

    /// <summary>The registrar's address (<c>host[:port]</c> or a SIP URI) when it is not the Register URI's host.</summary>
    public string? Proxy { get; set; }

    /// <summary>The expiry asked for, in seconds. Default 3600.</summary>
    public int ExpirySeconds { get; set; } = Ars.RouteRegistration.DefaultExpirySeconds;

    /// <summary>When to refresh, as a percentage of the granted expiry. Default 90.</summary>
    public int UpdatePercent { get; set; } = Ars.RouteRegistration.DefaultUpdatePercent;

    /// <summary>The user that answers the registrar's challenge.</summary>
    public string? User { get; set; }

    /// <summary>The password that answers the registrar's challenge.</summary>
    public string? Password { get; set; }
}
