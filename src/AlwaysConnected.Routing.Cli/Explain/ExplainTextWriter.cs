using System.Globalization;
using System.Text;

namespace AlwaysConnected.Routing.Cli.Explain;

/// <summary>Writes the result for a person: the decision, then why (each rule and line tried), then what goes out. No colour codes.</summary>
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

        if (result.Trace is { } trace)
        {
            text.Append("\nDial plan:\n");
            if (trace.Skipped is not null)
            {
                text.Append("  not evaluated: ").Append(trace.Skipped).Append('\n');
            }

            foreach (var rule in trace.Candidates)
            {
                text.Append("  ").Append(rule.IsPreliminary ? "preliminary rule '" : "rule '").Append(rule.Name).Append("': ");
                text.Append(rule.Disabled ? "skipped (disabled)" : rule.Matched ? "MATCHED" : "no match").Append('\n');
                foreach (var line in rule.Conditions)
                {
                    text.Append("    ").Append(line.Matched ? "[held]   " : "[failed] ").Append(line.Name)
                        .Append("    value: ").Append(line.Value is null ? "(null)" : Quote(line.Value)).Append('\n');
                }

                foreach (var (group, capture) in rule.Captures)
                {
                    text.Append("    ").Append(group).Append(" = ").Append(capture is null ? "(did not take part)" : Quote(capture)).Append('\n');
                }
            }
        }

        AppendMap(text, "Captures of the deciding rule", result.Captures.Select(p => ("%" + p.Key, (string?)p.Value)));
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
