using System.Globalization;
using AlwaysConnected.Routing.Cli.CommandLine;
using AlwaysConnected.Routing.Cli.Loading;
using AlwaysConnected.Routing.Cli.Validation;

namespace AlwaysConnected.Routing.Cli.Commands;

/// <summary><c>sip-route validate</c>: reports every error and warning in rule files, each with its rule and line.</summary>
internal static class ValidateCommand
{
    private static readonly string[] ValueOptions = ["--dialplan", "--ars", "--config"];

    private static readonly string[] Flags = ["--verbose"];

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        List<(string Path, RuleFileKind? Kind)> files;
        bool verbose;
        try
        {
            var parsed = ArgumentReader.Read(args, ValueOptions, Flags);
            verbose = parsed.HasFlag("--verbose");
            files =
            [
                .. parsed.Positional.Select(p => (p, (RuleFileKind?)null)),
                .. parsed.GetAll("--dialplan").Select(p => (p, (RuleFileKind?)RuleFileKind.DialPlanText)),
                .. parsed.GetAll("--ars").Select(p => (p, (RuleFileKind?)RuleFileKind.ArsText)),
                .. parsed.GetAll("--config").Select(p => (p, (RuleFileKind?)RuleFileKind.JsonConfiguration)),
            ];
            if (files.Count == 0)
            {
                throw new UsageException("Give at least one rule file.");
            }
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"sip-route validate: {e.Message}");
            stderr.WriteLine(Usage.Validate);
            return ExitCodes.BadInput;
        }

        var all = new List<Finding>();
        foreach (var (path, forced) in files)
        {
            all.AddRange(ValidateFileOrReport(path, forced));
        }

        foreach (var finding in all.Where(f => verbose || f.Severity != RoutingDiagnosticSeverity.Info))
        {
            stdout.WriteLine(finding.ToString());
        }

        var errors = all.Count(f => f.Severity == RoutingDiagnosticSeverity.Error);
        var warnings = all.Count(f => f.Severity == RoutingDiagnosticSeverity.Warning);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{files.Count} file(s): {errors} error(s), {warnings} warning(s)."));
        return errors == 0 ? ExitCodes.Success : ExitCodes.BadInput;
    }

    /// <summary>Every finding for one file; a file that cannot be read is a finding too.</summary>
    internal static List<Finding> ValidateFileOrReport(string path, RuleFileKind? forced = null)
    {
        try
        {
            return ValidateFile(path, forced);
        }
        catch (UsageException e)
        {
            return [Finding.Of(path, CliDiagnosticIds.UnreadableFile, RoutingDiagnosticSeverity.Error, e.Message)];
        }
    }

    /// <summary>Every finding for one file (the tests call this directly too).</summary>
    internal static List<Finding> ValidateFile(string path, RuleFileKind? forced)
    {
        var text = RuleLoader.ReadText(path);
        var kind = forced ?? RuleFileDetector.Detect(path, text);
        var rules = new RuleSet();
        var findings = new List<Finding>();
        var loaded = kind switch
        {
            RuleFileKind.DialPlanText => RuleLoader.LoadDialPlanText(path, text, rules, findings),
            RuleFileKind.ArsText => RuleLoader.LoadArsText(path, text, rules, findings),
            _ => RuleLoader.LoadJson(path, text, rules, findings),
        };
        if (loaded)
        {
            RuleChecks.Check(rules, path, path, findings);
            if (rules.DialPlan.Preliminary.Count + rules.DialPlan.Rules.Count == 0 && rules.Ars.Routes.Count + rules.Ars.Templates.Count == 0)
            {
                // Most likely a JSON file without a Routing section, or the wrong file.
                findings.Add(Finding.Of(path, CliDiagnosticIds.EmptyRuleFile, RoutingDiagnosticSeverity.Warning, "The file defines no dial plan rules and no ARS routes."));
            }
        }

        return findings;
    }
}
