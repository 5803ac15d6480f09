using System.Net;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Cli.CommandLine;
using AlwaysConnected.Routing.Cli.Validation;
using AlwaysConnected.Routing.Configuration;
using AlwaysConnected.Routing.DialPlan;

namespace AlwaysConnected.Routing.Cli.Loading;

/// <summary>Reads rule files of each kind into a <see cref="RuleSet"/>, turning every reader's problems into <see cref="Finding"/>s.</summary>
internal static class RuleLoader
{
    public static string ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"Cannot read '{path}': {e.Message}", e);
        }
    }

    /// <summary>Loads one file into <paramref name="rules"/>; returns false when it has errors.</summary>
    public static bool Load(string path, RuleFileKind kind, RuleSet rules, List<Finding> findings)
    {
        var text = ReadText(path);
        return kind switch
        {
            RuleFileKind.DialPlanText => LoadDialPlanText(path, text, rules, findings),
            RuleFileKind.ArsText => LoadArsText(path, text, rules, findings),
            _ => LoadJson(path, text, rules, findings),
        };
    }

    public static bool LoadDialPlanText(string path, string text, RuleSet rules, List<Finding> findings)
    {
        if (!DialPlanDefinition.TryParse(text, out var definition, out var errors))
        {
            findings.AddRange(errors.Select(e => new Finding(path, e)));
            return false;
        }

        rules.DialPlan = Append(rules.DialPlan, definition);
        rules.HasDialPlan = true;
        return true;
    }

    public static bool LoadArsText(string path, string text, RuleSet rules, List<Finding> findings)
    {
        var ok = ArsDefinition.TryParse(text, out var definition, out var diagnostics);
        findings.AddRange(diagnostics.Select(d => new Finding(path, d)));
        if (!ok)
        {
            return false;
        }

        if (!AddArs(path, definition!, rules, findings))
        {
            return false;
        }

        rules.HasArs = true;
        return true;
    }

    public static bool LoadJson(string path, string text, RuleSet rules, List<Finding> findings)
    {
        SipRoutingOptions options;
        try
        {
            options = RoutingOptionsJson.Bind(text);
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or InvalidOperationException or System.Text.Json.JsonException)
        {
            findings.Add(Finding.Of(path, CliDiagnosticIds.InvalidJson, RoutingDiagnosticSeverity.Error, $"Not a valid JSON configuration: {e.Message}"));
            return false;
        }

        var ok = options.TryCreateModel(out var model, out var diagnostics);
        findings.AddRange(diagnostics.Select(d => new Finding(path, d)));
        if (!ok || model is null)
        {
            return false;
        }

        if (!AddArs(path, model.Ars, rules, findings))
        {
            return false;
        }

        rules.DialPlan = Append(rules.DialPlan, model.DialPlan);
        rules.HasDialPlan |= model.DialPlan.Preliminary.Count + model.DialPlan.Rules.Count > 0;
        rules.HasArs |= !model.Ars.IsEmpty;
        // An address that does not parse is already reported above; the valid ones still count as this host's.
        rules.LocalAddresses.AddRange(options.LocalAddresses.Select(a => IPAddress.TryParse(a, out var address) ? address : null).OfType<IPAddress>());
        rules.EvaluateInDialogRequests = options.EvaluateInDialogRequests;
        rules.UserVariables.AddRange(options.UserVariables);
        rules.PatternTimeout = TimeSpan.FromMilliseconds(Math.Max(1, options.PatternTimeoutMilliseconds));
        return true;
    }

    /// <summary>
    /// Adds one file's ARS to the rules. A route, template or global variable name that an earlier file already
    /// uses is an error reported with both files (the library's diagnostic, its definition positions replaced
    /// by the earlier file); returns false then, leaving the rules as they were.
    /// </summary>
    private static bool AddArs(string path, ArsDefinition definition, RuleSet rules, List<Finding> findings)
    {
        var clashes = 0;
        foreach (var (earlierPath, earlier) in rules.ArsSources)
        {
            try
            {
                ArsDefinition.Combine(earlier, definition);
            }
            catch (RoutingConfigurationException e)
            {
                foreach (var diagnostic in e.Diagnostics)
                {
                    findings.Add(new Finding(path, diagnostic with { Section = $"also in {earlierPath}" }));
                    clashes++;
                }
            }
        }

        if (clashes > 0)
        {
            return false;
        }

        rules.ArsSources.Add((path, definition));
        rules.Ars = ArsDefinition.Combine(rules.Ars, definition);
        return true;
    }

    private static DialPlanDefinition Append(DialPlanDefinition first, DialPlanDefinition second) =>
        first.Preliminary.Count + first.Rules.Count == 0
            ? second
            : new DialPlanDefinition([.. first.Preliminary, .. second.Preliminary], [.. first.Rules, .. second.Rules]);
}
