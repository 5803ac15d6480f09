namespace AlwaysConnected.Routing.Cli.CommandLine;

/// <summary>The process exit codes of the contract (docs/cli.md).</summary>
internal static class ExitCodes
{
    /// <summary>A decision was produced (any outcome but error/parse-error), or the files are valid.</summary>
    public const int Success = 0;

    /// <summary>The rules could be loaded and the message parsed, but routing ended in an error outcome (e.g. header injection refused, ARS not available).</summary>
    public const int RoutingError = 1;

    /// <summary>Bad arguments or bad rules.</summary>
    public const int BadInput = 2;

    /// <summary>The message did not parse.</summary>
    public const int MessageParseError = 3;
}
