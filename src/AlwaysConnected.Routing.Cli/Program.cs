using System.CommandLine;
using AlwaysConnected.Routing.Cli.CommandLine;

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
    /// <param name="stdout">Where results, help and the version go.</param>
    /// <param name="stderr">Where usage errors and notes go.</param>
    /// <returns>0 = decision produced / files valid, 1 = routing ended in an error outcome, 2 = bad arguments or rules, 3 = the message did not parse.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var parse = SipRouteCommand.Create().Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Reported here rather than by the library's default action: bad arguments exit with 2
            // (the documented contract), and explain --json still prints its one JSON object.
            return UsageErrors.Report(parse, stdout, stderr);
        }

        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
