using System.Text.Json;
using AlwaysConnected.Routing.Cli;

namespace AlwaysConnected.Routing.Tests.Cli;

/// <summary>Runs sip-route in-process and captures what it prints.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static string DataPath(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "cli", name);

    public static CliRun Of(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = Program.Run(args, stdout, stderr);
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }

    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Stdout);
        return document.RootElement.Clone();
    }
}
