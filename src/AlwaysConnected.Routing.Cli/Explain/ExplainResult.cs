namespace AlwaysConnected.Routing.Cli.Explain;

/// <summary>Everything <c>sip-route explain</c> reports, field for field as docs/cli.md defines the JSON.</summary>
internal sealed record ExplainResult
{
    public required string Outcome { get; init; }

    public string? Stage { get; init; }

    public IReadOnlyList<string> Rules { get; init; } = [];

    public int? Status { get; init; }

    public string? Reason { get; init; }

    public string? Target { get; init; }

    public string? RequestUri { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Captures { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string?>> Headers { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Variables { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Properties { get; init; } = [];

    public string? Message { get; init; }

    public ExplainError? Error { get; init; }

    /// <summary>
    /// The explained stages in the order they ran (dial plan, ARS IN, ARS OUT), candidate by candidate,
    /// for the readable output (not part of the JSON).
    /// </summary>
    public IReadOnlyList<RoutingTrace> Traces { get; init; } = [];

    /// <summary>Load-time warnings about the rules, for the readable output.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public static ExplainResult Failure(string outcome, ExplainError error) => new() { Outcome = outcome, Error = error };
}
