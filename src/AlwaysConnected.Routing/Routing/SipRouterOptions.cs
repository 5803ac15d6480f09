using AlwaysConnected.Routing.DialPlan;

namespace AlwaysConnected.Routing;

/// <summary>How a <see cref="SipRouter"/> compiles and runs its rules.</summary>
public sealed class SipRouterOptions
{
    /// <summary>Dial plan options (in-dialog evaluation, pattern timeout, functions).</summary>
    public DialPlanOptions DialPlan { get; init; } = new();
}
