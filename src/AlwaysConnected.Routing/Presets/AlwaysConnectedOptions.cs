namespace AlwaysConnected.Routing.Presets;

/// <summary>
/// The few facts the "Always Connected via ITSP" recipe needs. From them the preset generates the
/// recipe's dial plan rules and, when the carrier demands authentication, its ARS routes.
/// </summary>
public sealed class AlwaysConnectedOptions
{
    /// <summary>The Media Server's source port (its "Listen port (out)"). Default 5056.</summary>
    public int MediaServerPort { get; set; } = 5056;

    /// <summary>Where the PBX core listens, <c>host:port</c>. Default <c>127.0.0.1:5052</c>.</summary>
    public string PbxCoreAddress { get; set; } = "127.0.0.1:5052";

    /// <summary>The carrier's SIP domain (the To and From host of calls sent to it), e.g. <c>itsp.example.net</c>.</summary>
    public string? ItspDomain { get; set; }

    /// <summary>The account at the carrier (the From user of calls sent to it).</summary>
    public string? Account { get; set; }

    /// <summary>
    /// Whether the carrier demands digest authentication. False (case 1): one dial plan rule sends
    /// the Media Server's INVITE straight to the carrier. True (case 2): the INVITE goes to the PBX
    /// core, whose ARS IN and OUT routes pick the trunk and answer its challenge.
    /// </summary>
    public bool RequiresAuthentication { get; set; }

    /// <summary>The trunk's next hop for case 2, <c>host[:port][;transport=x]</c>; the ITSP domain when null.</summary>
    public string? TrunkTarget { get; set; }

    /// <summary>The user the trunk authenticates (case 2); <see cref="Account"/> when null.</summary>
    public string? AuthenticationUser { get; set; }

    /// <summary>The trunk's password (case 2). Never logged or shown in explain output.</summary>
    public string? Password { get; set; }

    /// <summary>The name of the internal marker header. Default <c>X-PBX-Param</c>.</summary>
    public string MarkerHeader { get; set; } = "X-PBX-Param";
}
