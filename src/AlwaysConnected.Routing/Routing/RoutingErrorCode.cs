namespace AlwaysConnected.Routing;

/// <summary>Why a decision ended in <see cref="RoutingOutcome.Error"/>.</summary>
public enum RoutingErrorCode
{
    /// <summary>No error.</summary>
    None,

    /// <summary>A substituted value would have put CR, LF or NUL into a header: header injection refused.</summary>
    InjectedLineBreak,

    /// <summary>A substituted Request-URI or target is not a usable URI or host.</summary>
    InvalidValue,

    /// <summary>The request cannot be routed by these rules (for example it is a response).</summary>
    NotRoutable,
}
