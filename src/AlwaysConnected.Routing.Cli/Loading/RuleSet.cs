using System.Net;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.DialPlan;

namespace AlwaysConnected.Routing.Cli.Loading;

/// <summary>The rules loaded from the command line's files, with the settings that came with them.</summary>
internal sealed class RuleSet
{
    public DialPlanDefinition DialPlan { get; set; } = DialPlanDefinition.Empty;

    public ArsDefinition Ars { get; set; } = ArsDefinition.Empty;

    /// <summary>Each file's ARS in load order, so a name clash between files can name both of them.</summary>
    public List<(string Path, ArsDefinition Definition)> ArsSources { get; } = [];

    /// <summary>Whether any file supplied dial plan rules (an empty dial plan still "decides": no match).</summary>
    public bool HasDialPlan { get; set; }

    /// <summary>Whether any file supplied ARS routes.</summary>
    public bool HasArs { get; set; }

    /// <summary>The server's own addresses from a configuration file.</summary>
    public List<IPAddress> LocalAddresses { get; } = [];

    public bool EvaluateInDialogRequests { get; set; }

    public TimeSpan PatternTimeout { get; set; } = new SipRouterOptions().BacktrackingTimeout;

    /// <summary>Handling variables the rules set on purpose (no near-miss warning for them).</summary>
    public List<string> UserVariables { get; } = [];

    public RoutingModel ToModel() => new(DialPlan, Ars);

    /// <summary>The options a router running these rules gets.</summary>
    /// <param name="time">The ARS clock (recovery times); the system's when null.</param>
    public SipRouterOptions CreateRouterOptions(TimeProvider? time = null) => new()
    {
        EvaluateInDialogRequests = EvaluateInDialogRequests,
        BacktrackingTimeout = PatternTimeout,
        UserVariables = new HashSet<string>(UserVariables.Select(v => v.TrimStart('$')), StringComparer.OrdinalIgnoreCase),
        TimeProvider = time ?? TimeProvider.System,
    };
}
