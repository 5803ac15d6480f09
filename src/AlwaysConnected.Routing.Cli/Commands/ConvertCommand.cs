using System.CommandLine;
using System.Globalization;
using AlwaysConnected.Routing.Cli.CommandLine;
using AlwaysConnected.Routing.Cli.Loading;
using AlwaysConnected.Routing.Cli.Validation;

namespace AlwaysConnected.Routing.Cli.Commands;

/// <summary><c>sip-route convert</c>: text notation to appsettings-style JSON and back.</summary>
internal static class ConvertCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "Rule files, recognised by content: JSON configuration, ARS text or dial plan text.", Arity = ArgumentArity.ZeroOrMore };
        var dialPlan = new Option<string[]>("--dialplan") { Description = "A dial plan text file; repeatable.", HelpName = "FILE", Arity = ArgumentArity.ZeroOrMore };
        var ars = new Option<string[]>("--ars") { Description = "An ARS text file; repeatable.", HelpName = "FILE", Arity = ArgumentArity.ZeroOrMore };
        var config = new Option<string[]>("--config") { Description = "A JSON configuration file; repeatable.", HelpName = "FILE", Arity = ArgumentArity.ZeroOrMore };
        var to = new Option<string>("--to")
        {
            Description = "The output form. Default: text for JSON input, json for text input.",
            HelpName = "json|text",
            CustomParser = r =>
            {
                var value = r.Tokens[0].Value.ToLowerInvariant();
                if (value is not ("json" or "text"))
                {
                    r.AddError($"--to '{r.Tokens[0].Value}' is not json or text.");
                }

                return value;
            },
        };
        var output = new Option<string>("--out") { Description = "Write the result to this file instead of stdout.", HelpName = "FILE" };
        var dialPlanOut = new Option<string>("--dialplan-out") { Description = "Text output: where the dial plan goes.", HelpName = "FILE" };
        var arsOut = new Option<string>("--ars-out") { Description = "Text output: where the ARS routes go.", HelpName = "FILE" };
        var command = new Command("convert", "Converts text rules to appsettings-style JSON (a Routing section) and JSON to text. The round trip keeps the rules.")
        {
            files, dialPlan, ars, config, to, output, dialPlanOut, arsOut,
        };
        command.Validators.Add(result => OptionValues.NoUnknownOptions(result, files));
        command.Validators.Add(result =>
        {
            if (result.GetValue(files) is not { Length: > 0 } && result.GetResult(dialPlan) is null && result.GetResult(ars) is null && result.GetResult(config) is null)
            {
                result.AddError("Give at least one rule file.");
            }
        });
        command.SetAction(parse =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var args = new Arguments(
                parse.GetValue(files) ?? [],
                parse.GetValue(dialPlan) ?? [],
                parse.GetValue(ars) ?? [],
                parse.GetValue(config) ?? [],
                parse.GetValue(to),
                parse.GetValue(output),
                parse.GetValue(dialPlanOut),
                parse.GetValue(arsOut));
            try
            {
                return Convert(args, stdout, stderr);
            }
            catch (UsageException e)
            {
                stderr.WriteLine($"sip-route convert: {e.Message}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }

    private static int Convert(Arguments args, TextWriter stdout, TextWriter stderr)
    {
        var inputs = new List<(string Path, RuleFileKind Kind)>();
        foreach (var path in args.Files)
        {
            inputs.Add((path, RuleFileDetector.Detect(path, RuleLoader.ReadText(path))));
        }

        inputs.AddRange(args.DialPlan.Select(p => (p, RuleFileKind.DialPlanText)));
        inputs.AddRange(args.Ars.Select(p => (p, RuleFileKind.ArsText)));
        inputs.AddRange(args.Config.Select(p => (p, RuleFileKind.JsonConfiguration)));
        if (inputs.Count == 0)
        {
            throw new UsageException("Give at least one rule file.");
        }

        var fromJson = inputs.Exists(i => i.Kind == RuleFileKind.JsonConfiguration);
        var to = args.To ?? (fromJson ? "text" : "json");

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
            Emit(args.Out, rules.ToModel().ToJson(rules.LocalAddresses) + "\n", stdout);
            return ExitCodes.Success;
        }

        if (rules.LocalAddresses.Count > 0)
        {
            stderr.WriteLine("note: LocalAddresses have no place in the text notation; pass them to explain with --local.");
        }

        var dialPlanText = rules.DialPlan.ToText();
        var hasArs = !rules.Ars.IsEmpty;
        var arsText = hasArs ? rules.Ars.ToText() : string.Empty;
        var dialPlanOut = args.DialPlanOut;
        var arsOut = args.ArsOut;
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

        Emit(args.Out, hasArs ? arsText : dialPlanText, stdout);
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

    private sealed record Arguments(
        IReadOnlyList<string> Files,
        IReadOnlyList<string> DialPlan,
        IReadOnlyList<string> Ars,
        IReadOnlyList<string> Config,
        string? To,
        string? Out,
        string? DialPlanOut,
        string? ArsOut);
}
