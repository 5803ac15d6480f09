using System.CommandLine;
using System.CommandLine.Help;
using AlwaysConnected.Routing.Cli.Commands;

namespace AlwaysConnected.Routing.Cli.CommandLine;

/// <summary>The command tree of <c>sip-route</c>: its commands, options, help and version.</summary>
internal static class SipRouteCommand
{
    public const string ExitCodesHelp = "Exit codes: 0 = decision produced / files valid, 1 = routing ended in an error outcome, 2 = bad arguments or bad rules, 3 = the message did not parse.";

    public static Command Create() =>

        // A named command rather than RootCommand: RootCommand takes its name from the running
        // executable, which is the test host under tests and dotnet under `dotnet sip-route.dll`.
        new("sip-route", $"Explains how AlwaysConnected.Routing rules decide a SIP request, validates rule files, and converts between the text notation and JSON configuration. {ExitCodesHelp}")
        {
            new HelpOption(),
            new VersionOption(),
            ExplainCommand.Create(),
            ValidateCommand.Create(),
            ConvertCommand.Create(),
        };
}
