namespace AlwaysConnected.Routing.Configuration;

/// <summary>The <c>DialPlan</c> object of the <c>Routing</c> section (the file format; <see cref="SipRoutingConfigurationBinder"/> reads it, <see cref="RoutingJsonWriter"/> writes it).</summary>
internal sealed class DialPlanSection
{
    /// <summary>Preliminary rules, evaluated first.</summary>
    public IList<DialPlanRuleSection> Preliminary { get; } = [];

    /// <summary>Rules, evaluated after the Preliminary rules.</summary>
    public IList<DialPlanRuleSection> Rules { get; } = [];

    /// <summary>More rules in the vendor's text notation, appended after <see cref="Rules"/>.</summary>
    public string? Text { get; set; }

    /// <summary>Whether in-dialog requests, ACK and CANCEL are evaluated too. Default false.</summary>
    public bool EvaluateInDialogRequests { get; set; }

    /// <summary>The match timeout of patterns that need backtracking, in milliseconds. Default 50.</summary>
    public int PatternTimeoutMilliseconds { get; set; } = 50;

    /// <summary>
    /// Handling variables the rules set on purpose that the router gives no meaning (without the
    /// <c>$</c>): declaring one silences the near-miss warning (<c>DP0103</c>) for it.
    /// </summary>
    public IList<string> UserVariables { get; } = [];
}
