namespace AlwaysConnected.Routing.Cli.Validation;

/// <summary>
/// The ids <c>sip-route</c> adds to the library's (<see cref="RoutingDiagnosticIds"/>) for what only a tool
/// that reads files meets; docs/diagnostics.md lists them with the rest.
/// </summary>
internal static class CliDiagnosticIds
{
    /// <summary>A rule file cannot be read (missing, no permission).</summary>
    public const string UnreadableFile = "CLI0001";

    /// <summary>A JSON file is not a valid configuration (syntax, or a value of the wrong type).</summary>
    public const string InvalidJson = "CLI0002";

    /// <summary>A file defines no dial plan rules and no ARS routes.</summary>
    public const string EmptyRuleFile = "CLI0003";
}
