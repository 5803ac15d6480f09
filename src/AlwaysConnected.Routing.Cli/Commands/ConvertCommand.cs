using System.Globalization;
using AlwaysConnected.Routing.Ars.Text;
using AlwaysConnected.Routing.Cli.CommandLine;
using AlwaysConnected.Routing.Cli.Conversion;
using AlwaysConnected.Routing.Cli.Loading;
using AlwaysConnected.Routing.Cli.Validation;
using AlwaysConnected.Routing.DialPlan.Text;

namespace AlwaysConnected.Routing.Cli.Commands;

/// <summary><c>sip-route convert</c>: text notation to appsettings-style JSON and back.</summary>
internal static class ConvertCommand
{
    private static readonly string[] ValueOptions = ["--dialplan", "--ars", "--config", "--to", "--out", "--dialplan-out", "--ars-out"];

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            return Convert(ArgumentReader.Read(args, ValueOptions, []), stdout, stderr);
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"sip-route convert: {e.Message}");
            stderr.WriteLine(Usage.Convert);
            return ExitCodes.BadInput;
        }
    }

    private static int Convert(ParsedArguments args, TextWriter stdout, TextWriter stderr)
    {
        var inputs = new List<(string Path, RuleFileKind Kind)>();
        foreach (var path in args.Positional)
        {
            inputs.Add((path, RuleFileDetector.Detect(path, RuleLoader.ReadText(path))));
        }

        inputs.AddRange(args.GetAll("--dialplan").Select(p => (p, RuleFileKind.DialPlanText)));
        inputs.AddRange(args.GetAll("--ars").Select(p => (p, RuleFileKind.ArsText)));
        inputs.AddRange(args.GetAll("--config").Select(p => (p, RuleFileKind.JsonConfiguration)));
        if (inputs.Count == 0)
        {
            throw new UsageException("Give at least one rule file.");
        }

        var fromJson = inputs.Exists(i => i.Kind == RuleFileKind.JsonConfiguration);
        var to = (args.GetSingle("--to") ?? (fromJson ? "text" : "json")).ToLowerInvariant();
        if (to is not ("json" or "text"))
        {
            throw new UsageException($"--to '{to}' is not json or text.");
        }

        var rules = new RuleSet();
        var findings = new List<Finding>();
        foreach (var (path, kind) in inputs)
        {
            RuleLoader.Load(path, kind, rules, findings);
        }

        foreach (var finding in findings.Where(f => f.Severity != RoutingDiagnosticSeverity.Info))
        {
            stderr.WriteLine(finding.ToString());
        }

        if (findings.Exists(f => f.Severity == RoutingDiagnosticSeverity.Error))
        {
            return ExitCodes.BadInput;
        }

        if (to == "json")
        {
            var local = rules.LocalAddresses.Select(a => a.ToString()).ToList();
            Emit(args.GetSingle("--out"), ConfigurationJsonWriter.Write(rules.ToModel(), local), stdout);
            return ExitCodes.Success;
        }

        if (rules.LocalAddresses.Count > 0)
        {
            stderr.WriteLine("note: LocalAddresses have no place in the text notation; pass them to explain with --local.");
        }

        var dialPlanText = DialPlanTextWriter.Write(rules.DialPlan);
        var hasArs = rules.Ars.Routes.Count + rules.Ars.Templates.Count + rules.Ars.GlobalVariables.Count > 0;
        var arsText = hasArs ? ArsTextWriter.Write(rules.Ars) : string.Empty;
        var dialPlanOut = args.GetSingle("--dialplan-out");
        var arsOut = args.GetSingle("--ars-out");
        if (dialPlanOut is not null || arsOut is not null)
        {
            if (dialPlanText.Length > 0 && dialPlanOut is null)
            {
                throw new UsageException("The rules have a dial plan: give --dialplan-out FILE as well.");
            }

            if (hasArs && arsOut is null)
            {
                throw new UsageException("The rules have ARS routes: give --ars-out FILE as well.");
            }

            Write(dialPlanOut, dialPlanText);
            Write(arsOut, arsText);
            return ExitCodes.Success;
        }

        if (dialPlanText.Length > 0 && hasArs)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"The rules have a dial plan ({rules.DialPlan.Preliminary.Count + rules.DialPlan.Rules.Count} rules) and ARS routes ({rules.Ars.Routes.Count}), which are two text files: give --dialplan-out FILE and --ars-out FILE."));
        }

        Emit(args.GetSingle("--out"), hasArs ? arsText : dialPlanText, stdout);
        return ExitCodes.Success;
    }

    private static void Emit(string? path, string content, TextWriter stdout)
    {
        if (path is null)
        {
            stdout.Write(content);
        }
        else
        {
            Write(path, content);
        }
    }

    private static void Write(string? path, string content)
    {
        if (path is null)
        {
            return;
        }

        try
        {
            File.WriteAllText(path, content);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"Cannot write '{path}': {e.Message}", e);
        }
    }
}
