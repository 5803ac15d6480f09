using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.DialPlan;

namespace AlwaysConnected.Routing;

/// <summary>How a <see cref="SipRouter"/> compiles and runs its rules.</summary>
public sealed class SipRouterOptions
{
    /// <summary>Dial plan options (in-dialog evaluation, pattern timeout, functions).</summary>
    public DialPlanOptions DialPlan { get; init; } = new();

    /// <summary>ARS options (plug-ins, session and recovery state, all-busy status).</summary>
    public ArsOptions Ars { get; init; } = new();
}
