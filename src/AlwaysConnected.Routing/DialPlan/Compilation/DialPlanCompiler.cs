using AlwaysConnected.Routing.DialPlan.Evaluation.Sources;
using AlwaysConnected.Routing.Patterns;

namespace AlwaysConnected.Routing.DialPlan.Compilation;

/// <summary>
/// Turns a <see cref="DialPlanDefinition"/> into a <see cref="CompiledDialPlan"/>: names resolved to
/// value sources, patterns specialised, references checked. Every problem is reported, not just the first.
/// </summary>
internal static class DialPlanCompiler
{
    /// <summary>Compiles a dial plan.</summary>
    /// <param name="definition">The rules.</param>
    /// <param name="options">Compilation options; defaults when null.</param>
    /// <param name="version">The snapshot version every decision of this plan will carry.</param>
    /// <exception cref="RoutingConfigurationException">The plan has errors; the exception lists them all.</exception>
    public static CompiledDialPlan Compile(DialPlanDefinition definition, DialPlanOptions? options = null, long version = 1)
    {
        if (!TryCompile(definition, options, version, out var plan, out var diagnostics))
        {
            throw new RoutingConfigurationException(diagnostics);
        }

        return plan;
    }

    /// <summary>Compiles a dial plan, reporting problems as diagnostics instead of throwing.</summary>
    /// <returns><see langword="true"/> when the plan has no errors.</returns>
    public static bool TryCompile(
        DialPlanDefinition definition,
        DialPlanOptions? options,
        long version,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CompiledDialPlan? plan,
        out IReadOnlyList<RoutingDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(definition);
        options ??= new DialPlanOptions();
        var found = new List<RoutingDiagnostic>();
        var rules = new List<CompiledRule>();
        foreach (var rule in definition.Preliminary)
        {
            CompileRule(rule, isPreliminary: true, options, found, rules);
        }

        foreach (var rule in definition.Rules)
        {
            CompileRule(rule, isPreliminary: false, options, found, rules);
        }

        diagnostics = found;
        if (found.Exists(d => d.Severity == RoutingDiagnosticSeverity.Error))
        {
            plan = null;
            return false;
        }

        plan = new CompiledDialPlan(definition, [.. rules], options, version, found);
        return true;
    }

    private static void CompileRule(DialPlanRule rule, bool isPreliminary, DialPlanOptions options, List<RoutingDiagnostic> diagnostics, List<CompiledRule> rules)
    {
        // Counted from the end: diagnostics of earlier rules cannot be errors of this one, and a
        // count over the whole list per rule made compiling quadratic in the rule count.
        var firstOfRule = diagnostics.Count;
        var matching = new List<CompiledMatchingLine>();
        var referenced = new List<int>();
        var groups = 0;
        var lineNumber = 0;
        foreach (var line in rule.Matching)
        {
            lineNumber++;
            var parser = new ExpressionParser(options.Functions, options.Patterns, groups);
            ValueSource? source = null;
            try
            {
                source = parser.ParseName(line.Name);
            }
            catch (ExpressionSyntaxException e)
            {
                diagnostics.Add(Error(RoutingDiagnosticIds.InvalidMatchingName, rule, "Matching", lineNumber, "name", $"{e.Message} (column {e.Column + 1} of '{line.Name}')"));
            }

            referenced.AddRange(parser.ReferencedGroups);
            if (parser.HighestGroupReferenced > 0)
            {
                // Groups of earlier lines are read while matching this one: extract them early.
                foreach (var earlier in matching)
                {
                    earlier.CapturesNeededWhileMatching = true;
                }
            }

            if (!CompiledPattern.TryCompile(line.Pattern, options.Patterns, out var pattern, out var patternError))
            {
                diagnostics.Add(Error(RoutingDiagnosticIds.InvalidPattern, rule, "Matching", lineNumber, "pattern", $"Bad pattern '{line.Pattern}': {patternError.Message}"));
                continue;
            }

            var backtracking = pattern.Engine == PatternEngine.RegexBacktracking;
            diagnostics.Add(new RoutingDiagnostic(
                backtracking ? RoutingDiagnosticIds.BacktrackingPattern : RoutingDiagnosticIds.PatternEngine,
                backtracking ? RoutingDiagnosticSeverity.Warning : RoutingDiagnosticSeverity.Info,
                backtracking
                    ? $"'{line.Pattern}' needs the backtracking regex engine; it runs with a {options.Patterns.BacktrackingTimeout.TotalMilliseconds} ms timeout."
                    : $"'{line.Pattern}' runs on the {pattern.Engine} engine.")
            {
                Rule = rule.Name,
                Section = "Matching",
                Line = lineNumber,
                Field = "pattern",
            });

            if (source is not null)
            {
                matching.Add(new CompiledMatchingLine(source, pattern, groups, $"{line.Name} = {line.Pattern}"));
            }

            groups += pattern.GroupCount;
        }

        var deploy = new List<CompiledDeployLine>();
        var capturesReferenced = matching.Exists(m => m.CapturesNeededWhileMatching);
        lineNumber = 0;
        foreach (var line in rule.Deploy)
        {
            lineNumber++;
            var compiled = CompileDeployLine(rule, line, lineNumber, isPreliminary, groups, options, diagnostics, referenced, ref capturesReferenced);
            if (compiled is not null)
            {
                deploy.Add(compiled);
            }
        }

        if (capturesReferenced && matching.Count > 0 && matching[^1].Pattern.GroupCount > 0)
        {
            // Once the last line holds the rule has fired and its groups will be read: taking them in
            // the same pass saves running that line's pattern a second time.
            matching[^1].CapturesNeededWhileMatching = true;
        }

        if (!HasError(diagnostics, firstOfRule))
        {
            rules.Add(new CompiledRule(rule.Name, isPreliminary, [.. matching], [.. deploy], groups) {
                Disabled = rule.Disabled,
                CapturesReferenced = capturesReferenced,
                ReferencedGroups = referenced.Count == 0 ? [] : [.. referenced.Distinct().Order()],
            });
        }
    }

    private static CompiledDeployLine? CompileDeployLine(DialPlanRule rule, DeployLine line, int lineNumber, bool isPreliminary, int groups, DialPlanOptions options, List<RoutingDiagnostic> diagnostics, List<int> referenced, ref bool capturesReferenced)
    {
        var name = line.Name.Trim();
        var text = $"{line.Name} = {line.Value}";
        ValueSource value;
        try
        {
            var parser = new ExpressionParser(options.Functions, options.Patterns, groups);
            value = parser.ParseTemplate(line.Value.Trim());
            capturesReferenced |= parser.HighestGroupReferenced > 0;
            referenced.AddRange(parser.ReferencedGroups);
        }
        catch (ExpressionSyntaxException e)
        {
            diagnostics.Add(Error(RoutingDiagnosticIds.InvalidDeployValue, rule, "Deploy", lineNumber, "value", $"{e.Message} (column {e.Column + 1} of '{line.Value}')"));
            return null;
        }

        var literal = (value as LiteralSource)?.Text;
        if (name.StartsWith('&'))
        {
            if (name.Length < 2 || name.AsSpan(1).ContainsAny(" \t=".AsSpan()))
            {
                diagnostics.Add(Error(RoutingDiagnosticIds.InvalidDeployName, rule, "Deploy", lineNumber, "name", $"'{name}' is not an environment variable name."));
                return null;
            }

            return new CompiledDeployLine(DeployAction.Environment, name, value, text);
        }

        if (name.StartsWith('$'))
        {
            var variable = name[1..].Trim();
            if (variable.Length == 0 || !variable.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_'))
            {
                diagnostics.Add(Error(RoutingDiagnosticIds.InvalidDeployName, rule, "Deploy", lineNumber, "name", $"'{name}' is not a handling variable name."));
                return null;
            }

            var action = variable.ToLowerInvariant() switch
            {
                "target" => DeployAction.Target,
                "action" or "response" => DeployAction.Respond,
                "continue" => DeployAction.Continue,
                "replaceurl" or "replaceuri" => DeployAction.ReplaceUrl,
                _ => DeployAction.Variable,
            };

            if (action == DeployAction.Respond && literal is not null && !IsValidResponse(literal, variable))
            {
                diagnostics.Add(Error(RoutingDiagnosticIds.InvalidResponse, rule, "Deploy", lineNumber, "value",
                    $"'{literal}' is not a status code from 100 to 699{(variable.Equals("action", StringComparison.OrdinalIgnoreCase) ? " nor 'block'" : string.Empty)}."));
                return null;
            }

            if (action == DeployAction.Variable && !options.UserVariables.Contains(variable)
                && NearMiss.Closest(variable, NearMiss.HandlingVariables) is { } meant)
            {
                diagnostics.Add(new RoutingDiagnostic(
                    RoutingDiagnosticIds.NearMissName,
                    RoutingDiagnosticSeverity.Warning,
                    $"'${variable}' is not a known handling variable. Did you mean '${meant}'? As written it sets a variable the router ignores. If '${variable}' is deliberate, list it in the dial plan's UserVariables.")
                {
                    Rule = rule.Name,
                    Section = "Deploy",
                    Line = lineNumber,
                    Field = "name",
                });
            }

            if (action == DeployAction.Target && isPreliminary)
            {
                diagnostics.Add(new RoutingDiagnostic(
                    RoutingDiagnosticIds.TargetInPreliminaryRule,
                    RoutingDiagnosticSeverity.Warning,
                    "The vendor allows $target in regular rules only; it is applied here all the same.")
                {
                    Rule = rule.Name,
                    Section = "Deploy",
                    Line = lineNumber,
                    Field = "name",
                });
            }

            if (action == DeployAction.Target && literal is not null && !TargetSyntax.IsValid(literal))
            {
                diagnostics.Add(Error(RoutingDiagnosticIds.InvalidTarget, rule, "Deploy", lineNumber, "value", $"'{literal}' is not a host[:port][;transport=x], a SIP URI or a comma-separated list of them."));
                return null;
            }

            return new CompiledDeployLine(action, "$" + variable, value, text);
        }

        if (name.Length == 0 || !name.All(ExpressionParser.IsTokenChar))
        {
            diagnostics.Add(Error(RoutingDiagnosticIds.InvalidDeployName, rule, "Deploy", lineNumber, "name", $"'{name}' is not a header name, $variable or &variable."));
            return null;
        }

        var isTo = name.Equals("To", StringComparison.OrdinalIgnoreCase) || name.Equals("t", StringComparison.Ordinal);
        if (isTo && literal is { Length: > 0 } && !literal.Contains(':', StringComparison.Ordinal))
        {
            diagnostics.Add(Error(RoutingDiagnosticIds.InvalidToUri, rule, "Deploy", lineNumber, "value", $"To needs a URI such as sip:user@host, not '{literal}'."));
            return null;
        }

        if (isTo && (literal is null || literal.Length > 0))
        {
            return new CompiledDeployLine(DeployAction.To, "To", value, text);
        }

        var isFrom = name.Equals("From", StringComparison.OrdinalIgnoreCase) || name.Equals("f", StringComparison.Ordinal);
        return isFrom
            ? new CompiledDeployLine(DeployAction.From, "From", value, text)
            : new CompiledDeployLine(DeployAction.Header, name, value, text);
    }

    private static bool HasError(List<RoutingDiagnostic> diagnostics, int from)
    {
        for (var i = from; i < diagnostics.Count; i++)
        {
            if (diagnostics[i].Severity == RoutingDiagnosticSeverity.Error)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsValidResponse(string value, string variable)
    {
        if (variable.Equals("action", StringComparison.OrdinalIgnoreCase) && value.Trim().Equals("block", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return int.TryParse(value.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) && code is >= 100 and <= 699;
    }

    private static RoutingDiagnostic Error(string id, DialPlanRule rule, string section, int line, string field, string message) =>
        new(id, RoutingDiagnosticSeverity.Error, message) { Rule = rule.Name, Section = section, Line = line, Field = field };
}
