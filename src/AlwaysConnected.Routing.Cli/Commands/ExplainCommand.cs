using System.Buffers;
using System.CommandLine;
using System.Globalization;
using AlwaysConnected.Routing.Cli.Ars;
using AlwaysConnected.Routing.Cli.CommandLine;
using AlwaysConnected.Routing.Cli.Explain;
using AlwaysConnected.Routing.Cli.Loading;
using AlwaysConnected.Routing.Cli.Validation;
using AlwaysConnected.Routing.Services;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Cli.Commands;

/// <summary><c>sip-route explain</c>: runs one request through the rules and says what happens and why.</summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var options = new ExplainSettings.Options();
        var command = new Command("explain", "Runs one SIP request through the rules and says what happens and why: the decision, each rule and line tried, the captures, the headers changed and the outgoing request.");
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.Validators.Add(options.Validate);
        command.SetAction(parse =>
        {
            var settings = options.Read(parse);
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            try
            {
                return Explain(settings, stdout, stderr);
            }
            catch (UsageException e)
            {
                return Report(ExplainResult.Failure("error", new ExplainError("usage", e.Message)), settings.Json, stdout, stderr, ExitCodes.BadInput);
            }
        });
        return command;
    }

    private static int Explain(ExplainSettings settings, TextWriter stdout, TextWriter stderr)
    {
        var rules = new RuleSet();
        var findings = new List<Finding>();
        if (settings.ConfigPath is not null)
        {
            RuleLoader.Load(settings.ConfigPath, RuleFileKind.JsonConfiguration, rules, findings);
        }

        if (settings.DialPlanPath is not null)
        {
            RuleLoader.Load(settings.DialPlanPath, RuleFileKind.DialPlanText, rules, findings);
        }

        if (settings.ArsPath is not null)
        {
            RuleLoader.Load(settings.ArsPath, RuleFileKind.ArsText, rules, findings);
        }

        var rulesFile = settings.ConfigPath ?? settings.DialPlanPath ?? settings.ArsPath!;
        var (time, zone) = ClockSetting.Parse(settings.Now);
        var localAddresses = settings.LocalAddresses.Concat(rules.LocalAddresses).Distinct().ToList();
        var services = new RoutingServices { Time = time, TimeZone = zone, LocalAddresses = localAddresses };
        foreach (var (user, contact) in settings.Registered)
        {
            services.Registrar.Register(user, contact);
        }

        SipRouter? router = null;
        if (!findings.Exists(f => f.Severity == RoutingDiagnosticSeverity.Error))
        {
            // The router compiles and lints the rules once, and its diagnostics are exactly what validate reports:
            // checking the model first as well would compile and lint every rule twice.
            IReadOnlyList<RoutingDiagnostic> diagnostics;
            try
            {
                router = new SipRouter(rules.ToModel(), rules.CreateRouterOptions(services.Time), services);
                diagnostics = router.Diagnostics;
            }
            catch (RoutingConfigurationException e)
            {
                diagnostics = e.Diagnostics;
            }

            RuleChecks.Report(diagnostics, settings.ConfigPath ?? settings.DialPlanPath ?? rulesFile, settings.ConfigPath ?? settings.ArsPath ?? rulesFile, findings);
        }

        var errors = findings.Where(f => f.Severity == RoutingDiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            var errorText = string.Join("\n", errors.Select(e => e.ToString()));
            return Report(ExplainResult.Failure("error", new ExplainError("rules", errorText)), settings.Json, stdout, stderr, ExitCodes.BadInput);
        }

        byte[] bytes;
        bool lineEndsConverted;
        try
        {
            bytes = MessageFile.Normalise(File.ReadAllBytes(settings.MessagePath), out lineEndsConverted);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"Cannot read '{settings.MessagePath}': {e.Message}", e);
        }

        if (MessageFile.TryReadContentLength(bytes, out var declared, out var valueOffset, out var valueLength, out var bodyLength) && declared != bodyLength)
        {
            if (settings.FixContentLength)
            {
                bytes = MessageFile.FixContentLength(bytes, valueOffset, valueLength, bodyLength);
            }
            else if (lineEndsConverted)
            {
                // The body was kept byte for byte; a body whose lines ended in CRLF when Content-Length
                // was computed is shorter once saved with LF. Say so rather than "body truncated".
                var mismatch = new ExplainError(
                    "ContentLengthMismatch",
                    string.Create(CultureInfo.InvariantCulture, $"Content-Length is {declared} but the body has {bodyLength} bytes. The file was saved with LF line ends and its body is kept byte for byte, so a body written with CRLF line ends is now shorter. Set Content-Length: {bodyLength}, save the file with CRLF line ends, or pass --fix-content-length."),
                    valueOffset);
                return Report(ExplainResult.Failure("parse-error", mismatch), settings.Json, stdout, stderr, ExitCodes.MessageParseError);
            }
        }

        var index = new SipMessageIndex();
        var status = SipParser.TryParseDatagram(bytes, index, out var message);
        if (status != OperationStatus.Done)
        {
            var error = status == OperationStatus.NeedMoreData
                ? new ExplainError("Incomplete", "The message is incomplete: the header section does not end, or the body is shorter than Content-Length.", bytes.Length)
                : new ExplainError(index.Error.Code.ToString(), ParseErrorText.Describe(index.Error), index.Error.Offset);
            return Report(ExplainResult.Failure("parse-error", error), settings.Json, stdout, stderr, ExitCodes.MessageParseError);
        }

        var properties = new CallProperties();
        foreach (var (name, value) in settings.Properties)
        {
            properties.Set(name, value);
        }

        var context = new RoutingContext(settings.Source, settings.Transport) { Properties = properties };
        var warnings = findings.Where(f => f.Severity == RoutingDiagnosticSeverity.Warning).Select(f => f.ToString()).ToList();
        ExplainResult result;
        if (rules.HasDialPlan || !rules.HasArs)
        {
            var decision = new RoutingDecision();
            var trace = router!.Explain(message, context, decision);
            result = DecisionReport.Build(message, decision, properties, out var outgoing) with { Warnings = warnings, Traces = [trace] };
            if (rules.HasArs && result.Outcome == "forward" && outgoing is not null
                && LocalDestination.IsLocal(result.Target ?? result.RequestUri, localAddresses))
            {
                result = ArsStage.Run(rules.Ars, rules.CreateRouterOptions(services.Time), outgoing, context, properties, result, services);
            }
        }
        else
        {
            result = ArsStage.Run(rules.Ars, rules.CreateRouterOptions(services.Time), bytes, context, properties, new ExplainResult { Outcome = "no-match", Warnings = warnings }, services);
        }

        var exit = result.Outcome switch
        {
            "error" => ExitCodes.RoutingError,
            "parse-error" => ExitCodes.MessageParseError,
            _ => ExitCodes.Success,
        };
        return Report(result, settings.Json, stdout, stderr, exit);
    }

    private static int Report(ExplainResult result, bool json, TextWriter stdout, TextWriter stderr, int exitCode)
    {
        if (json)
        {
            stdout.WriteLine(ExplainJsonWriter.Write(result));
        }
        else if (result.Error is { Code: "usage" or "rules" } error)
        {
            stderr.WriteLine(error.Code == "usage" ? $"sip-route explain: {error.Message}" : $"The rules have errors:\n{error.Message}");
        }
        else
        {
            stdout.Write(ExplainTextWriter.Write(result));
        }

        if (json && result.Error is { } e && e.Code is "usage" or "rules")
        {
            stderr.WriteLine(e.Message);
        }

        return exitCode;
    }
}
