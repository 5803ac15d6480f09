using AlwaysConnected.Routing.DialPlan.Functions;
using AlwaysConnected.Routing.Patterns;

namespace AlwaysConnected.Routing.DialPlan;

/// <summary>How a dial plan is compiled and which requests it evaluates; built from <see cref="SipRouterOptions"/> (<c>CreateDialPlanOptions</c>).</summary>
internal sealed class DialPlanOptions
{
    private DialPlanFunctionRegistry _functions = new();

    /// <summary>
    /// Whether in-dialog requests (a To tag present), ACK and CANCEL are evaluated too. Default
    /// <see langword="false"/>: the vendor applies the dial plan to the initial request of a session.
    /// </summary>
    public bool EvaluateInDialogRequests { get; init; }

    /// <summary>How patterns are compiled (the backtracking match timeout).</summary>
    public PatternOptions Patterns { get; init; } = new();

    // The functions rules may call: the built-ins, then what the host registered
    // (SipRouterBuilder.AddFunction, SipRoutingBuilder.AddFunction).
    internal DialPlanFunctionRegistry Functions { get => _functions; init => _functions = value; }

    /// <summary>
    /// The status answered when <c>To = sip:user@</c> asks for a user's registered contact and the
    /// user is not registered. Default 404.
    /// </summary>
    public int UnregisteredUserStatus { get; init; } = 404;

    /// <summary>
    /// Handling variables the rules set on purpose although the router gives them no meaning (the
    /// host reads them). A Deploy name a small edit away from a known handling variable is reported
    /// as a likely typo (<c>DP0103</c>, <c>$taget</c> for <c>$target</c>) unless it is declared here.
    /// Names without the <c>$</c>, case-insensitive.
    /// </summary>
    public IReadOnlySet<string> UserVariables { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>A copy of these options with another function registry (every other setting kept, including ones added later).</summary>
    internal DialPlanOptions WithFunctions(DialPlanFunctionRegistry functions)
    {
        var copy = (DialPlanOptions)MemberwiseClone();
        copy._functions = functions;
        return copy;
    }
}
