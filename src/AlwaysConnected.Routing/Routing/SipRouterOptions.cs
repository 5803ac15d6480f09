using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.DialPlan;

namespace AlwaysConnected.Routing;

/// <summary>How a <see cref="SipRouter"/> compiles and runs its rules.</summary>
public sealed class SipRouterOptions
{
    private DialPlanOptions _dialPlan = new();
    private ArsOptions _ars = new();

    /// <summary>Dial plan options (in-dialog evaluation, pattern timeout, functions).</summary>
    public DialPlanOptions DialPlan { get => _dialPlan; init => _dialPlan = value; }

    /// <summary>ARS options (plug-ins, session and recovery state, all-busy status).</summary>
    public ArsOptions Ars { get => _ars; init => _ars = value; }

    /// <summary>
    /// Whether every request is checked with <see cref="Sip.SipMessageValidator"/> before any rule runs
    /// (RFC 3261 §8.2 and §16.3). A request that fails gets <see cref="RoutingOutcome.Reject"/> from
    /// <see cref="RoutingStage.Validation"/> with the status the validator suggests (505 for a version other
    /// than 2.0, 400 for a missing or repeated header, a CSeq method mismatch or a bad Request-URI) and a
    /// reason phrase naming the problem. Default true; turn it off only when the host validates itself.
    /// </summary>
    public bool ValidateRequests { get; init; } = true;

    /// <summary>A copy of these options with other dial plan options (every other setting kept, including ones added later).</summary>
    internal SipRouterOptions WithDialPlan(DialPlanOptions dialPlan)
    {
        var copy = (SipRouterOptions)MemberwiseClone();
        copy._dialPlan = dialPlan;
        return copy;
    }

    /// <summary>A copy of these options with other ARS options (every other setting kept, including ones added later).</summary>
    internal SipRouterOptions WithArs(ArsOptions ars)
    {
        var copy = (SipRouterOptions)MemberwiseClone();
        copy._ars = ars;
        return copy;
    }
}
