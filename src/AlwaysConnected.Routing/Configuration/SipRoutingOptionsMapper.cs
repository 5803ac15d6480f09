using System.Net;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Ars.Text;
using AlwaysConnected.Routing.Collections;
using AlwaysConnected.Routing.DialPlan;
using AlwaysConnected.Routing.DialPlan.Text;
using AlwaysConnected.Routing.Presets;

namespace AlwaysConnected.Routing.Configuration;

/// <summary>
/// Turns <see cref="SipRoutingOptions"/> into the rule model, reporting every problem with its
/// configuration path, rule or route, line and field.
/// </summary>
internal static class SipRoutingOptionsMapper
{
    /// <summary>Maps configuration to the rule model.</summary>
    /// <param name="options">The bound configuration.</param>
    /// <param name="model">The rule model, or null when there are errors.</param>
    /// <param name="diagnostics">Every problem found.</param>
    /// <param name="sectionName">The configuration section, for locations in messages.</param>
    /// <returns><see langword="true"/> when there are no errors.</returns>
    public static bool TryMap(SipRoutingOptions options, out RoutingModel? model, out IReadOnlyList<RoutingDiagnostic> diagnostics, string sectionName = SipRoutingOptions.DefaultSectionName)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<RoutingDiagnostic>();
        var builder = new SipRouterBuilder();

        if (options.AlwaysConnected is { } preset)
        {
            Try(problems, $"{sectionName}:AlwaysConnected", () => builder.AddModel(AlwaysConnectedPreset.CreateModel(preset)));
        }

        var preliminary = MapRules(options.DialPlan.Preliminary, $"{sectionName}:DialPlan:Preliminary", problems);
        var rules = MapRules(options.DialPlan.Rules, $"{sectionName}:DialPlan:Rules", problems);
        var routes = MapRoutes(options.Ars.Routes, $"{sectionName}:Ars:Routes", problems);
        Try(problems, $"{sectionName}:DialPlan", () => builder.AddModel(new RoutingModel(new DialPlanDefinition([.. preliminary], [.. rules]), new ArsDefinition(routes.ToEquatableArray()))));
        if (!string.IsNullOrWhiteSpace(options.DialPlan.Text))
        {
            builder.AddDialPlanText(options.DialPlan.Text);
        }

        if (!string.IsNullOrWhiteSpace(options.Ars.Text))
        {
            builder.AddArsText(options.Ars.Text);
        }

        for (var i = 0; i < options.LocalAddresses.Count; i++)
        {
            if (!IPAddress.TryParse(options.LocalAddresses[i], out _))
            {
                problems.Add(Error($"{sectionName}:LocalAddresses:{i}", $"'{options.LocalAddresses[i]}' is not an IP address."));
            }
        }

        if (options.DialPlan.PatternTimeoutMilliseconds <= 0)
        {
            problems.Add(Error($"{sectionName}:DialPlan:PatternTimeoutMilliseconds", "The pattern timeout must be positive."));
        }

        problems.AddRange(builder.Problems);
        model = null;
        if (!problems.Exists(p => p.Severity == RoutingDiagnosticSeverity.Error))
        {
            try
            {
                model = builder.BuildModel();
            }
            catch (RoutingConfigurationException e)
            {
                problems.AddRange(e.Diagnostics.Where(d => !problems.Contains(d)));
            }
        }

        diagnostics = problems;
        return model is not null;
    }

    /// <summary>The server's own addresses from configuration (the invalid ones are skipped; <see cref="TryMap"/> reports them).</summary>
    public static IReadOnlyList<IPAddress> GetLocalAddresses(SipRoutingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return [.. options.LocalAddresses.Select(a => IPAddress.TryParse(a, out var address) ? address : null).OfType<IPAddress>()];
    }

    private static List<DialPlanRule> MapRules(IList<DialPlanRuleSection> rules, string path, List<RoutingDiagnostic> problems)
    {
        var result = new List<DialPlanRule>();
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var where = $"{path}:{i}{(rule.Name is null ? string.Empty : $" (rule '{rule.Name}')")}";
            if (string.IsNullOrWhiteSpace(rule.Name))
            {
                problems.Add(Error($"{path}:{i}:Name", "A rule needs a name."));
                continue;
            }

            var matching = new List<MatchingLine>();
            for (var l = 0; l < rule.Matching.Count; l++)
            {
                Try(problems, $"{where}, Matching line {l + 1} ({path}:{i}:Matching:{l})", () => matching.Add(DialPlanTextReader.ParseMatchingLine(rule.Matching[l])));
            }

            var deploy = new List<DeployLine>();
            for (var l = 0; l < rule.Deploy.Count; l++)
            {
                Try(problems, $"{where}, Deploy line {l + 1} ({path}:{i}:Deploy:{l})", () => deploy.Add(DialPlanTextReader.ParseDeployLine(rule.Deploy[l])));
            }

            Try(problems, where, () => result.Add(new DialPlanRule(rule.Name, [.. matching], [.. deploy], rule.Description, rule.Disabled)));
        }

        return result;
    }

    private static List<ArsRoute> MapRoutes(IList<ArsRouteSection> routes, string path, List<RoutingDiagnostic> problems)
    {
        var result = new List<ArsRoute>();
        for (var i = 0; i < routes.Count; i++)
        {
            var route = routes[i];
            if (string.IsNullOrWhiteSpace(route.Name))
            {
                problems.Add(Error($"{path}:{i}:Name", "A route needs a name."));
                continue;
            }

            var where = $"{path}:{i} (route '{route.Name}')";
            var inboundSource = ArsInboundSource.Any;
            if (route.InboundSource is { } inboundText && !ArsTextValues.TryParseInboundSource(inboundText, out inboundSource))
            {
                problems.Add(Error($"{path}:{i}:InboundSource", $"Route '{route.Name}': InboundSource '{inboundText}' is not Any or RegisteredTrunk."));
                continue;
            }

            var inBlocks = MapBlocks(route.In, ArsDirection.In, $"{where}, IN", $"{path}:{i}:In", problems);
            var outBlocks = MapBlocks(route.Out, ArsDirection.Out, $"{where}, OUT", $"{path}:{i}:Out", problems);
            Try(problems, where, () => result.Add(new ArsRoute(route.Name)
            {
                Enabled = route.Enabled,
                InboundSource = inboundSource,
                Credentials = route.User is null && route.Password is null ? null : new TrunkCredentials(route.User!, route.Password!),
                Registration = route.Registration is { } registration
                    ? new RouteRegistration(
                        registration.RegisterUri ?? throw new ArgumentException("Registration:RegisterUri is required.", nameof(route.Registration)),
                        registration.Proxy,
                        registration.ExpirySeconds,
                        registration.UpdatePercent,
                        registration.User,
                        registration.Password)
                    : null,
                InBlocks = inBlocks.ToEquatableArray(),
                OutBlocks = outBlocks.ToEquatableArray(),
            }));
        }

        return result;
    }

    private static List<ArsPatternBlock> MapBlocks(IList<ArsBlockSection> blocks, ArsDirection direction, string where, string path, List<RoutingDiagnostic> problems)
    {
        var result = new List<ArsPatternBlock>();
        for (var b = 0; b < blocks.Count; b++)
        {
            var block = blocks[b];
            var location = $"{where} {b + 1} ({path}:{b})";
            Try(problems, location, () =>
            {
                TrunkConnection? trunk = null;
                if (block.Target is not null)
                {
                    FailoverPolicy? failover = null;
                    if (block.Failover is not null && !ArsTextValues.TryParseFailover(block.Failover, out failover, out var error))
                    {
                        throw new ArgumentException($"Failover: {error}", nameof(block.Failover));
                    }

                    trunk = new TrunkConnection(
                        block.Target,
                        block.ResponseTimeoutMilliseconds is { } timeout ? TimeSpan.FromMilliseconds(timeout) : null,
                        block.RecoveryTimeSeconds is { } recovery ? TimeSpan.FromSeconds(recovery) : null,
                        failover);
                }

                var plugins = new List<PluginSlot>();
                for (var s = 0; s < block.Plugins.Count; s++)
                {
                    var slot = block.Plugins[s];
                    plugins.Add(new PluginSlot(s + 1, slot.Plugin ?? throw new ArgumentException($"Plugins:{s}:Plugin is required.", nameof(block.Plugins)), slot.Param, slot.Return));
                }

                result.Add(new ArsPatternBlock(b + 1, direction)
                {
                    Priority = block.Priority,
                    MaxSessions = block.MaxSessions,
                    Disabled = block.Disabled,
                    MatchTo = block.To,
                    MatchFrom = block.From,
                    Plugins = plugins.ToEquatableArray(),
                    DeployTo = block.DeployTo,
                    DeployFrom = block.DeployFrom,
                    Custom = block.Custom.ToEquatableArray(),
                    Trunk = trunk,
                });
            });
        }

        return result;
    }

    private static void Try(List<RoutingDiagnostic> problems, string location, Action action)
    {
        try
        {
            action();
        }
        catch (RoutingConfigurationException e)
        {
            // A line read with the text notation: its own ids, placed at the configuration path.
            problems.AddRange(e.Diagnostics.Select(d => d with { Section = location }));
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            problems.Add(Error(location, e.Message));
        }
    }

    private static RoutingDiagnostic Error(string location, string message) =>
        new(RoutingDiagnosticIds.InvalidConfiguration, RoutingDiagnosticSeverity.Error, message) { Section = location };
}
