using System.Globalization;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Collections;
using AlwaysConnected.Routing.DialPlan;

namespace AlwaysConnected.Routing.Presets;

/// <summary>
/// Generates the "Always Connected via ITSP" rules: the anti-spoofing rule first, a rule that strips
/// the internal marker from anything not sent by this host, then either the direct-to-carrier rule
/// (case 1) or the forward-to-PBX rule with the ARS IN and OUT routes (case 2).
/// </summary>
internal static class AlwaysConnectedPreset
{
    /// <summary>The name of the anti-spoofing Preliminary rule.</summary>
    public const string AntiSpoofingRule = "always-connected-anti-spoofing";

    /// <summary>The name of the Preliminary rule that strips the marker from requests not sent by this host.</summary>
    public const string StripMarkerRule = "always-connected-strip-marker";

    /// <summary>The name of the case 1 rule (straight to the carrier).</summary>
    public const string DirectRule = "always-connected-itsp";

    /// <summary>The name of the case 2 rule (to the PBX core).</summary>
    public const string PbxCoreRule = "always-connected-pbx-core";

    /// <summary>The name of the case 2 ARS route.</summary>
    public const string ArsRoute = "always-connected-itsp";

    /// <summary>Generates the rules.</summary>
    /// <exception cref="ArgumentException">A required option is missing or malformed.</exception>
    public static RoutingModel CreateModel(AlwaysConnectedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        var marker = options.MarkerHeader;
        var port = options.MediaServerPort.ToString(CultureInfo.InvariantCulture);

        // Semantics §6: anti-spoofing first, then the marker is stripped from anything not local.
        DialPlanRule[] preliminary =
        [
            new(AntiSpoofingRule,
                [new("$request", "^INVITE"), new("$localhost", "^false"), new(marker, "^pin$")],
                [new("$action", "603")],
                "Declines INVITEs from outside that carry the internal marker (spoofing)."),
            new(StripMarkerRule,
                [new("$localhost", "^false")],
                [new(marker, string.Empty), new("$continue", "true")],
                "Removes the internal marker from every request not sent by this host."),
        ];

        MatchingLine[] fromMediaServer = [new("$request", "^INVITE"), new("$localhost", "^true"), new("$port", $"^{port}$")];
        if (!options.RequiresAuthentication)
        {
            DialPlanRule direct = new(DirectRule,
                [.. fromMediaServer, new("$geturi(To)", "sip:(.+)@")],
                [
                    new("To", $"sip:%1@{options.ItspDomain}"),
                    new("From", $"sip:{options.Account}@{options.ItspDomain}"),
                    new(marker, string.Empty),
                ],
                "Sends the Media Server's INVITE straight to the carrier (no authentication).");
            return new RoutingModel(new DialPlanDefinition([.. preliminary], [direct]), ArsDefinition.Empty);
        }

        DialPlanRule toPbx = new(PbxCoreRule,
            [.. fromMediaServer],
            [new("$target", options.PbxCoreAddress)],
            "Forwards the Media Server's INVITE to the PBX core, whose ARS routes know the carrier.");

        var inBlock = new ArsPatternBlock(1, ArsDirection.In)
        {
            MatchTo = "sip:(.+)@",
            Plugins = [new PluginSlot(1, "sipheader", marker, "^pin$")],
            DeployFrom = $"sip:{options.Account}@",
            Custom = ["&action.type=pin"],
        };
        // Carrier-ready (semantics §6): the carrier checks From against the account and routes on its own
        // domain, and the marker is private to the PBX. The vendor's text form `From: pin&f1` leaves the
        // From at the Media Server's address; the preset writes what a carrier accepts instead.
        var outBlock = new ArsPatternBlock(1, ArsDirection.Out)
        {
            MatchTo = "sip:([0-9]{10,20})@",
            Plugins = [new PluginSlot(1, "prop", "action.type", "^pin$")],
            DeployTo = $"sip:&t1@{options.ItspDomain}",
            DeployFrom = $"sip:{options.Account}@{options.ItspDomain}",
            Custom = [$"{marker}="],
            Trunk = new TrunkConnection(options.TrunkTarget ?? options.ItspDomain!),
        };
        var route = new ArsRoute(ArsRoute)
        {
            Credentials = new TrunkCredentials(options.AuthenticationUser ?? options.Account!, options.Password!),
            InBlocks = [inBlock],
            OutBlocks = [outBlock],
        };

        return new RoutingModel(new DialPlanDefinition([.. preliminary], [toPbx]), new ArsDefinition([route]));
    }

    private static void Validate(AlwaysConnectedOptions options)
    {
        if (options.MediaServerPort is < 1 or > 65535)
        {
            throw new ArgumentException($"MediaServerPort must be 1-65535, not {options.MediaServerPort}.", nameof(options));
        }

        Require(options.ItspDomain, nameof(options.ItspDomain));
        Require(options.Account, nameof(options.Account));
        Require(options.MarkerHeader, nameof(options.MarkerHeader));
        if (options.RequiresAuthentication)
        {
            Require(options.PbxCoreAddress, nameof(options.PbxCoreAddress));
            Require(options.Password, nameof(options.Password));
        }

        static void Require(string? value, string name)
        {
            if (string.IsNullOrWhiteSpace(value) || value.Any(c => c is ' ' or '\t' or '\r' or '\n' or '\0' or '<' or '>'))
            {
                throw new ArgumentException($"AlwaysConnected:{name} is required and must be a single token (no spaces or angle brackets).", name);
            }
        }
    }
}
