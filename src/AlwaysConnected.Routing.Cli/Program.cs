using AlwaysConnected.Routing.Cli.CommandLine;
using AlwaysConnected.Routing.Cli.Commands;

namespace AlwaysConnected.Routing.Cli;

/// <summary>The <c>sip-route</c> entry point.</summary>
public static class Program
{
    /// <summary>Runs the tool on the console.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>The exit code (see docs/cli.md).</returns>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the tool with its output captured (the tests' entry point).</summary>
    /// <param name="args">The command line: a command (<c>explain</c>, <c>validate</c>, <c>convert</c>) and its arguments.</param>
    /// <param name="stdout">Where results go.</param>
    /// <param name="stderr">Where usage errors and notes go.</param>
    /// <returns>0 = decision produced / files valid, 1 = routing ended in an error outcome, 2 = bad arguments or rules, 3 = the message did not parse.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Length == 0 ? stderr : stdout).WriteLine(Usage.All);
            return args.Length == 0 ? ExitCodes.BadInput : ExitCodes.Success;
        }

        var rest = args[1..];
        return args[0] switch
        {
            "explain" => ExplainCommand.Run(rest, stdout, stderr),
            "validate" => ValidateCommand.Run(rest, stdout, stderr),
            "convert" => ConvertCommand.Run(rest, stdout, stderr),
            _ => UnknownCommand(args[0], stderr),
        };
    }

    private static int UnknownCommand(string command, TextWriter stderr)
    {
        stderr.WriteLine($"sip-route: unknown command '{command}'.");
        stderr.WriteLine(Usage.All);
        return ExitCodes.BadInput;
    }
}
