using System.CommandLine;
using System.Globalization;
using AlwaysConnected.Routing.Cli.CommandLine;
using AlwaysConnected.Routing.Cli.Loading;
using AlwaysConnected.Routing.Cli.Validation;

namespace AlwaysConnected.Routing.Cli.Commands;

/// <summary><c>sip-route validate</c>: reports every error and warning in rule files, each with its rule and line.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "Rule files, recognised by content: JSON configuration, ARS text or dial plan text.", Arity = ArgumentArity.ZeroOrMore };
        var dialPlan = new Option<string[]>("--dialplan") { Description = "A dial plan text file; repeatable.", HelpName = "FILE", Arity = ArgumentArity.ZeroOrMore };
        var ars = new Option<string[]>("--ars") { Description = "An ARS text file; repeatable.", HelpName = "FILE", Arity = ArgumentArity.ZeroOrMore };
        var config = new Option<string[]>("--config") { Description = "A JSON configuration file; repeatable.", HelpName = "FILE", Arity = ArgumentArity.ZeroOrMore };
        var verbose = new Option<bool>("--verbose") { Description = "Also print notes (which regex engine each dial plan pattern got)." };
        var command = new Command("validate", "Checks rule files and prints every error and warning with its file, rule, line and field. Exit 0 when there are no errors (warnings allowed), 2 otherwise.")
        {
            files, dialPlan, ars, config, verbose,
        };
        command.Validators.Add(result => OptionValues.NoUnknownOptions(result, files));
        command.Validators.Add(result =>
        {
            if (result.GetValue(files) is not { Length: > 0 } && result.GetResult(dialPlan) is null && result.GetResult(ars) is null && result.GetResult(config) is null)
            {
                result.AddError("Give at least one rule file.");
            }
        });
        command.SetAction(parse => Run(
            [
                .. (parse.GetValue(files) ?? []).Select(p => (p, (RuleFileKind?)null)),
                .. (parse.GetValue(dialPlan) ?? []).Select(p => (p, (RuleFileKind?)RuleFileKind.DialPlanText)),
                .. (parse.GetValue(ars) ?? []).Select(p => (p, (RuleFileKind?)RuleFileKind.ArsText)),
                .. (parse.GetValue(config) ?? []).Select(p => (p, (RuleFileKind?)RuleFileKind.JsonConfiguration)),
            ],
            parse.GetValue(verbose),
            parse.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(List<(string Path, RuleFileKind? Kind)> files, bool verbose, TextWriter stdout)
    {
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
            if (rules.DialPlan.Preliminary.Count + rules.DialPlan.Rules.Count == 0 && rules.Ars.IsEmpty)
            {
                // Most likely a JSON file without a Routing section, or the wrong file.
                findings.Add(Finding.Of(path, CliDiagnosticIds.EmptyRuleFile, RoutingDiagnosticSeverity.Warning, "The file defines no dial plan rules and no ARS routes."));
            }
        }

        return findings;
    }
}
