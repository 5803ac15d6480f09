using System.Globalization;
using System.Text;

namespace AlwaysConnected.Routing.Cli.Explain;

/// <summary>Writes the result for a person: the decision, then why (each rule or block and each condition tried, stage by stage), then what goes out. No colour codes.</summary>
internal static class ExplainTextWriter
{
    public static string Write(ExplainResult result)
    {
        var text = new StringBuilder();
        text.Append("Outcome: ").Append(result.Outcome);
        if (result.Stage is not null)
        {
            text.Append(" (decided by ").Append(result.Stage).Append(')');
        }

        text.Append('\n');
        if (result.Status is { } status)
        {
            text.Append(CultureInfo.InvariantCulture, $"Answer: {status} {result.Reason}\n");
        }

        if (result.Target is not null)
        {
            text.Append("Next hop: ").Append(result.Target).Append('\n');
        }

        if (result.RequestUri is not null)
        {
            text.Append("Request-URI: ").Append(result.RequestUri).Append('\n');
        }

        text.Append("Rules applied: ").Append(result.Rules.Count == 0 ? "(none)" : string.Join(", ", result.Rules)).Append('\n');
        if (result.Error is { } error)
        {
            text.Append("Error: ").Append(error.Code).Append(": ").Append(error.Message);
            if (error.Offset is { } offset)
            {
                text.Append(CultureInfo.InvariantCulture, $" (byte {offset})");
            }

            text.Append('\n');
        }

        foreach (var trace in result.Traces)
        {
            AppendTrace(text, trace);
        }

        // A dial plan's groups are numbered (%1); an ARS block's references are named (&t1, &p1).
        AppendMap(text, "Captures of the deciding rule", result.Captures.Select(p => ((char.IsAsciiDigit(p.Key[0]) ? "%" : "&") + p.Key, (string?)p.Value)));
        AppendMap(text, "Headers changed", result.Headers.Select(p => (p.Key, p.Value)));
        AppendMap(text, "Handling variables", result.Variables.Select(p => (p.Key, (string?)p.Value)));
        AppendMap(text, "Environment variables", result.Environment.Select(p => (p.Key, (string?)p.Value)));
        AppendMap(text, "Call properties", result.Properties.Select(p => (p.Key, (string?)p.Value)));
        if (result.Warnings.Count > 0)
        {
            text.Append("\nWarnings about the rules:\n");
            foreach (var warning in result.Warnings)
            {
                text.Append("  ").Append(warning).Append('\n');
            }
        }

        if (result.Message is not null)
        {
            text.Append("\nOutgoing request:\n");
            foreach (var line in result.Message.TrimEnd('\r', '\n').Split("\r\n"))
            {
                text.Append("  ").Append(line).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>One stage, candidate by candidate: each rule or block, the conditions it tested, what it captured.</summary>
    private static void AppendTrace(StringBuilder text, RoutingTrace trace)
    {
        var dialPlan = trace.Stage == RoutingStage.DialPlan;
        text.Append('\n').Append(trace.Stage switch { RoutingStage.ArsIn => "ARS IN", RoutingStage.ArsOut => "ARS OUT", _ => "Dial plan" }).Append(":\n");
        if (trace.Skipped is not null)
        {
            text.Append("  not evaluated: ").Append(trace.Skipped).Append('\n');
        }

        foreach (var candidate in trace.Candidates)
        {
            text.Append("  ").Append(dialPlan ? (candidate.IsPreliminary ? "preliminary rule '" : "rule '") : "block '").Append(candidate.Name).Append('\'');
            if (candidate.Priority is { } priority)
            {
                text.Append(CultureInfo.InvariantCulture, $" (priority {priority})");
            }

            text.Append(": ").Append(candidate.Disabled ? "skipped (disabled)" : candidate.Matched ? "MATCHED" : "no match");
            if (candidate.Note is not null)
            {
                text.Append(", passed over: ").Append(candidate.Note);
            }

            text.Append('\n');
            foreach (var condition in candidate.Conditions)
            {
                // A dial plan line is named as written (NAME = PATTERN); an ARS field by its name alone.
                text.Append("    ").Append(condition.Matched ? "[held]   " : "[failed] ").Append(condition.Name);
                if (!dialPlan && condition.Pattern is not null)
                {
                    text.Append(": ").Append(condition.Pattern);
                }

                text.Append("    value: ").Append(condition.Value is null ? "(null)" : Quote(condition.Value));
                if (condition.Note is not null)
                {
                    text.Append("    error: ").Append(condition.Note);
                }

                text.Append('\n');
            }

            foreach (var (group, capture) in candidate.Captures)
            {
                text.Append("    ").Append(group).Append(" = ").Append(capture is null ? "(did not take part)" : Quote(capture)).Append('\n');
            }
        }
    }

    private static void AppendMap(StringBuilder text, string title, IEnumerable<(string Key, string? Value)> entries)
    {
        var list = entries.ToList();
        if (list.Count == 0)
        {
            return;
        }

        text.Append('\n').Append(title).Append(":\n");
        foreach (var (key, value) in list)
        {
            text.Append("  ").Append(key).Append(": ").Append(value is null ? "(removed)" : value).Append('\n');
        }
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
