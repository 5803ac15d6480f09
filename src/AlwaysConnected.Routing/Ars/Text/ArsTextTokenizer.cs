using System.Globalization;
using System.Text.RegularExpressions;

namespace AlwaysConnected.Routing.Ars.Text;

/// <summary>
/// Splits ARS text into tokens. A line is either a whole-line header (<c>[Route NAME]</c>, <c>[Template NAME]</c>,
/// <c>[Row N]</c>, <c>[Registration]</c>, <c>[Credentials]</c>), a one-line run that starts with a
/// <c>Patterns -</c>, <c>[Matching Patterns]</c> or <c>[Deploy Patterns]</c> header and is split at every
/// known label preceded by white space, or a single <c>Label: value</c> field whose value is the rest of the
/// line, taken verbatim.
/// </summary>
internal static partial class ArsTextTokenizer
{
    public static List<ArsTextToken> Tokenize(string text)
    {
        var tokens = new List<ArsTextToken>();
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            var start = 0;
            while (start < line.Length && char.IsWhiteSpace(line[start]))
            {
                start++;
            }

            if (start == line.Length || line[start] == '#')
            {
                continue;
            }

            TokenizeLine(line.TrimEnd(), start, lineNumber, tokens);
        }

        return tokens;
    }

    private static void TokenizeLine(string line, int start, int lineNumber, List<ArsTextToken> tokens)
    {
        var body = line[start..];
        if (WholeLineHeader().Match(body) is { Success: true } header)
        {
            tokens.Add(FromWholeLineHeader(header, lineNumber, start));
            return;
        }

        var first = Label().Match(line, start);
        if (!first.Success || first.Index != start)
        {
            var kind = body.StartsWith('<') && body.EndsWith('>') ? ArsTokenKind.Placeholder : ArsTokenKind.Unknown;
            var colon = body.IndexOf(':', StringComparison.Ordinal);
            var label = kind == ArsTokenKind.Unknown && colon > 0 ? body[..colon].Trim() : "";
            tokens.Add(new ArsTextToken(kind, label, null, null, body, lineNumber, start + 1, start + 1));
            return;
        }

        if (first.Groups["field"].Success)
        {
            tokens.Add(FromLabel(first, line, line.Length, lineNumber));
            return;
        }

        // A header with more text after it is the seed's one-line form: split at every known label.
        var matches = Label().Matches(line, start);
        for (var i = 0; i < matches.Count; i++)
        {
            var end = i + 1 < matches.Count ? matches[i + 1].Index : line.Length;
            var token = FromLabel(matches[i], line, end, lineNumber);
            tokens.Add(token);
            if (token.Kind != ArsTokenKind.Field && token.Value.Length > 0)
            {
                // Text after a header and before the next label is not a field; placeholders such as
                // "<Enter Connection Info for your ITSP>" are recognised so that they can be explained.
                var kind = token.Value.StartsWith('<') && token.Value.EndsWith('>') ? ArsTokenKind.Placeholder : ArsTokenKind.Unknown;
                tokens.Add(new ArsTextToken(kind, "", null, null, token.Value, lineNumber, token.ValueColumn, token.ValueColumn));
                tokens[^2] = token with { Value = "" };
            }
        }
    }

    private static ArsTextToken FromWholeLineHeader(Match header, int lineNumber, int start)
    {
        var column = start + 1;
        if (header.Groups["route"].Success || header.Groups["template"].Success)
        {
            var kind = header.Groups["route"].Success ? ArsTokenKind.RouteHeader : ArsTokenKind.TemplateHeader;
            var name = header.Groups["name"];
            return new ArsTextToken(kind, name.Value.Trim(), null, null, name.Value.Trim(), lineNumber, column, start + name.Index + 1);
        }

        if (header.Groups["row"].Success)
        {
            var number = ParseIndex(header.Groups["row"].Value);
            return new ArsTextToken(ArsTokenKind.RowHeader, "Row", number, null, "", lineNumber, column, column);
        }

        var section = header.Groups["section"].Value;
        return string.Equals(section, "Registration", StringComparison.OrdinalIgnoreCase)
            ? new ArsTextToken(ArsTokenKind.RegistrationHeader, "Registration", null, null, "", lineNumber, column, column)
            : new ArsTextToken(ArsTokenKind.CredentialsHeader, "Credentials", null, null, "", lineNumber, column, column);
    }

    private static ArsTextToken FromLabel(Match match, string line, int end, int lineNumber)
    {
        var valueStart = match.Index + match.Length;
        while (valueStart < end && char.IsWhiteSpace(line[valueStart]))
        {
            valueStart++;
        }

        var value = valueStart < end ? line[valueStart..end].TrimEnd() : "";
        var column = match.Index + 1;
        var valueColumn = valueStart + 1;
        if (match.Groups["pat"].Success)
        {
            var direction = string.Equals(match.Groups["dir"].Value, "IN", StringComparison.OrdinalIgnoreCase) ? ArsDirection.In : ArsDirection.Out;
            int? number = match.Groups["num"].Success ? ParseIndex(match.Groups["num"].Value) : null;
            var label = direction == ArsDirection.In ? "Patterns - IN" : "Patterns - OUT";
            return new ArsTextToken(ArsTokenKind.PatternsHeader, label, number, direction, value, lineNumber, column, valueColumn);
        }

        if (match.Groups["hdr"].Success)
        {
            var matching = match.Groups["hdr"].Value.StartsWith("[M", StringComparison.OrdinalIgnoreCase);
            return new ArsTextToken(
                matching ? ArsTokenKind.MatchingHeader : ArsTokenKind.DeployHeader,
                matching ? "[Matching Patterns]" : "[Deploy Patterns]",
                null,
                null,
                value,
                lineNumber,
                column,
                valueColumn);
        }

        if (match.Groups["slotname"].Success)
        {
            var slotName = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(match.Groups["slotname"].Value.ToLowerInvariant());
            return new ArsTextToken(ArsTokenKind.Field, slotName, ParseIndex(match.Groups["slot"].Value), null, value, lineNumber, column, valueColumn);
        }

        if (match.Groups["var"].Success)
        {
            return new ArsTextToken(ArsTokenKind.Field, "&" + match.Groups["var"].Value.ToLowerInvariant(), null, null, value, lineNumber, column, valueColumn);
        }

        return new ArsTextToken(ArsTokenKind.Field, CanonicalName(match.Groups["name"].Value), null, null, value, lineNumber, column, valueColumn);
    }

    private static string CanonicalName(string written)
    {
        var collapsed = WhiteSpace().Replace(written, " ");
        foreach (var name in FieldNames)
        {
            if (string.Equals(name, collapsed, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        return collapsed;
    }

    // Digits only, and at most 9 of them, so this cannot overflow.
    private static int ParseIndex(string digits) =>
        digits.Length > 9 ? int.MaxValue : int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    private static readonly string[] FieldNames =
    [
        "To", "From", "Custom", "Priority", "Max Sessions", "Disabled", "Target", "Response Timeout", "Recovery Time",
        "Failover", "Enabled", "Inbound Source", "Register URI", "Proxy", "Expires", "Update", "Auth User", "User", "Password", "Realm",
    ];

    [GeneratedRegex(
        @"^(?:\[(?:(?<route>Route)|(?<template>Template))\s+(?<name>[^\[\]]*)\]|\[Row\s+(?<row>\d+)\s*\]|\[(?<section>Registration|Credentials)\])$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WholeLineHeader();

    [GeneratedRegex(
        @"(?<=^|\s)(?:(?<hdr>\[(?:Matching|Deploy)\s+Patterns\])|(?<pat>Patterns\s*[-–]\s*(?<dir>IN|OUT)(?:[ \t]+(?<num>\d+))?(?=\s|$))|(?<field>(?:(?<name>To|From|Custom|Priority|Max\s+Sessions|Disabled|Target|Response\s+Timeout|Recovery\s+Time|Failover|Enabled|Inbound\s+Source|Register\s+URI|Proxy|Expires|Update|Auth\s+User|User|Password|Realm)|(?<slotname>Plugin|Param|Return)\s+(?<slot>\d+)|&(?<var>[vabcg][1-9]\d*))\s*:))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Label();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
