// Kept in one file (about 440 lines) on purpose: a line-by-line state machine (section headers, attributes,
// matching and deploy entries) whose states share the rule being read; one-line rules (OneLineSplitter), section
// headers (SectionHeader) and drafts (RuleDraft) are already their own files.

using System.Text.RegularExpressions;

namespace AlwaysConnected.Routing.DialPlan.Text;

/// <summary>
/// Reads dial plan text line by line into rule drafts, collecting every error rather than stopping
/// at the first, so an operator can fix a pasted file in one pass.
/// </summary>
internal sealed partial class DialPlanTextParser
{
    private readonly List<RoutingDiagnostic> _errors = [];
    private readonly List<RuleDraft> _drafts = [];
    private readonly HashSet<string> _ruleNames = new(StringComparer.Ordinal);
    private RuleDraft? _current;
    private ReadingState _state = ReadingState.BeforeFirstSection;
    private int _lineNumber;

    private enum ReadingState
    {
        BeforeFirstSection,
        RuleAttributes,
        Matching,
        Deploy,
        SkippingUnknownSection,
    }

    /// <summary>The errors found, in text order.</summary>
    internal IReadOnlyList<RoutingDiagnostic> Errors => _errors;

    /// <summary>The rules read, in text order.</summary>
    internal IReadOnlyList<RuleDraft> Drafts => _drafts;

    /// <summary>The matching lines read by <see cref="ReadSingleEntry"/>.</summary>
    internal IReadOnlyList<MatchingLine> CurrentMatching => _current?.Matching ?? [];

    /// <summary>The deploy lines read by <see cref="ReadSingleEntry"/>.</summary>
    internal IReadOnlyList<DeployLine> CurrentDeploy => _current?.Deploy ?? [];

    /// <summary>Reads a whole dial plan text.</summary>
    internal static DialPlanTextParser ReadAll(string text)
    {
        var parser = new DialPlanTextParser();
        foreach (var line in SplitLines(text))
        {
            parser._lineNumber++;
            parser.ReadLine(line);
        }

        parser.CloseCurrentRule();
        return parser;
    }

    /// <summary>Reads one <c>NAME = VALUE</c> entry outside any rule.</summary>
    internal static DialPlanTextParser ReadSingleEntry(string text, bool deploy)
    {
        var parser = new DialPlanTextParser { _lineNumber = 1 };
        parser._current = new RuleDraft("entry", nameWasGenerated: true, isPreliminary: false, line: 1, column: 1);
        if (text.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            parser.AddError(1, 1, RoutingDiagnosticIds.TextNotASingleLine, "Expected a single NAME = VALUE line, found several lines.", ruleName: null);
            return parser;
        }

        var start = SkipWhiteSpace(text, 0);
        if (start == text.Length)
        {
            parser.AddError(1, 1, RoutingDiagnosticIds.TextMissingEquals, "Expected a NAME = VALUE line, found nothing.", ruleName: null);
            return parser;
        }

        if (text[start] is '[' or '#')
        {
            parser.AddError(1, start + 1, RoutingDiagnosticIds.TextNotASingleLine, "Expected a NAME = VALUE line, found a header or comment.", ruleName: null);
            return parser;
        }

        if (!parser.RejectNul(text))
        {
            parser.ReadEntry(text, start, text.Length, deploy ? ReadingState.Deploy : ReadingState.Matching, reportRule: false);
        }

        return parser;
    }

    private static IEnumerable<string> SplitLines(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\r' or '\n')
            {
                yield return text[start..i];
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }

    private void ReadLine(string line)
    {
        var start = SkipWhiteSpace(line, 0);
        if (start == line.Length || RejectNul(line))
        {
            return;
        }

        switch (line[start])
        {
            case '#':
                return;
            case '[':
                ReadHeader(line, start);
                return;
        }

        switch (_state)
        {
            case ReadingState.BeforeFirstSection:
                AddError(start, RoutingDiagnosticIds.TextLineOutsideSection,
                    "This line is outside any section; put [Matching Patterns] or [Deploy Patterns] before it.");
                break;
            case ReadingState.SkippingUnknownSection:
                break;
            case ReadingState.RuleAttributes:
                ReadAttribute(line, start);
                break;
            default:
                ReadEntry(line, start, line.Length, _state, reportRule: true);
                break;
        }
    }

    private bool RejectNul(string line)
    {
        var nul = line.IndexOf('\0', StringComparison.Ordinal);
        if (nul < 0)
        {
            return false;
        }

        AddError(nul, RoutingDiagnosticIds.TextInvalidCharacter, "The line contains a NUL character.");
        return true;
    }

    private void ReadHeader(string line, int start)
    {
        var header = SectionHeader.Parse(line, start);
        switch (header.Kind)
        {
            case SectionHeaderKind.Unclosed:
                AddError(start, RoutingDiagnosticIds.TextUnknownSection, "The section header is not closed with ']'.");
                _state = ReadingState.SkippingUnknownSection;
                break;
            case SectionHeaderKind.Unknown:
                AddError(start, RoutingDiagnosticIds.TextUnknownSection,
                    $"Unknown section '{line[start..header.End]}'; expected [Matching Patterns], [Deploy Patterns], [Rule NAME] or [Preliminary Rule NAME].");
                _state = ReadingState.SkippingUnknownSection;
                break;
            case SectionHeaderKind.Rule:
            case SectionHeaderKind.PreliminaryRule:
                StartRule(header, start);
                var rest = SkipWhiteSpace(line, header.End);
                if (rest < line.Length)
                {
                    AddError(rest, RoutingDiagnosticIds.TextAfterHeader, "A rule header must be alone on its line.");
                }

                break;
            case SectionHeaderKind.Matching:
                EnterMatching(start);
                ReadInline(line, header.End);
                break;
            case SectionHeaderKind.Deploy:
                EnterDeploy(start);
                ReadInline(line, header.End);
                break;
        }
    }

    private void ReadInline(string line, int start)
    {
        foreach (var piece in OneLineSplitter.Split(line, start))
        {
            if (piece.Header is not { } header)
            {
                ReadEntry(line, piece.Start, piece.End, _state, reportRule: true);
                continue;
            }

            switch (header.Kind)
            {
                case SectionHeaderKind.Matching:
                    EnterMatching(piece.Start);
                    break;
                case SectionHeaderKind.Deploy:
                    EnterDeploy(piece.Start);
                    break;
                default:
                    AddError(piece.Start, RoutingDiagnosticIds.TextUnknownSection,
                        $"Only [Matching Patterns] and [Deploy Patterns] may follow on the same line, found '{line[piece.Start..header.End]}'.");
                    break;
            }
        }
    }

    private void StartRule(SectionHeader header, int column)
    {
        var preliminary = header.Kind == SectionHeaderKind.PreliminaryRule;
        if (header.RuleName.Length == 0)
        {
            OpenRule(null, preliminary, column);
            _state = ReadingState.RuleAttributes;
            return;
        }

        if (header.RuleName.Contains('[', StringComparison.Ordinal))
        {
            AddError(header.RuleNameIndex, RoutingDiagnosticIds.TextInvalidRuleName,
                $"The rule name '{header.RuleName}' must not contain '['.", header.RuleName);
        }

        OpenRule(header.RuleName, preliminary, column, header.RuleNameIndex);
        _state = ReadingState.RuleAttributes;
    }

    private void EnterMatching(int column)
    {
        // A [Matching Patterns] header belongs to the rule whose header it directly follows;
        // anywhere else it begins the next rule, which is how several unnamed rules share a file.
        if (_current is null || _current.HasAnySection)
        {
            OpenRule(null, preliminary: false, column);
        }

        _current!.HasMatchingSection = true;
        _state = ReadingState.Matching;
    }

    private void EnterDeploy(int column)
    {
        if (_current is null)
        {
            OpenRule(null, preliminary: false, column);
        }
        else if (_current.HasDeploySection)
        {
            AddError(column, RoutingDiagnosticIds.TextDuplicateSection,
                "The rule already has a [Deploy Patterns] section; start a new rule with [Matching Patterns] or a rule header.");
        }

        _current!.HasDeploySection = true;
        _state = ReadingState.Deploy;
    }

    private void OpenRule(string? name, bool preliminary, int column, int nameColumn = -1)
    {
        CloseCurrentRule();

        // Generated names count every rule in the text, so "rule-3" is always the third rule.
        var position = _drafts.Count + 1;
        var generated = name is null;
        name ??= $"rule-{position}";
        _current = new RuleDraft(name, generated, preliminary, _lineNumber, column + 1);
        if (!_ruleNames.Add(name))
        {
            AddError(nameColumn >= 0 ? nameColumn : column, RoutingDiagnosticIds.TextDuplicateRuleName,
                generated
                    ? $"The generated name '{name}' is already used by another rule; give this rule a [Rule NAME] header."
                    : $"The rule name '{name}' is already used by another rule.");
        }
    }

    private void CloseCurrentRule()
    {
        if (_current is null)
        {
            return;
        }

        if (_current.MatchingEntriesSeen == 0)
        {
            AddError(_current.Line, _current.Column, RoutingDiagnosticIds.TextNoMatchingLines,
                "The rule has no matching lines; add a [Matching Patterns] section before [Deploy Patterns] (write '$request = .' to match every request).", _current.Name);
        }

        _drafts.Add(_current);
        _current = null;
    }

    private void ReadAttribute(string line, int start)
    {
        var equals = line.IndexOf('=', start);
        if (equals < 0)
        {
            AddError(start, RoutingDiagnosticIds.TextMissingEquals, "Expected 'description = ...' or 'disabled = true|false'.");
            return;
        }

        var name = line[start..equals].Trim();
        var valueStart = SkipWhiteSpace(line, equals + 1);
        var value = line[valueStart..].Trim();
        if (name.Equals("description", StringComparison.OrdinalIgnoreCase))
        {
            if (_current!.DescriptionSeen)
            {
                AddError(start, RoutingDiagnosticIds.TextDuplicateRuleAttribute, "The rule already has a description.");
            }

            _current.DescriptionSeen = true;
            _current.Description = value;
        }
        else if (name.Equals("disabled", StringComparison.OrdinalIgnoreCase))
        {
            if (_current!.DisabledSeen)
            {
                AddError(start, RoutingDiagnosticIds.TextDuplicateRuleAttribute, "The rule already has a 'disabled' line.");
            }

            _current.DisabledSeen = true;
            if (bool.TryParse(value, out var disabled))
            {
                _current.Disabled = disabled;
            }
            else
            {
                AddError(valueStart, RoutingDiagnosticIds.TextInvalidRuleAttributeValue, $"'disabled' takes true or false, found '{value}'.");
            }
        }
        else
        {
            AddError(start, RoutingDiagnosticIds.TextUnknownRuleAttribute,
                $"'{name}' is not a rule attribute; only 'description' and 'disabled' may come between a rule header and [Matching Patterns] (is the [Matching Patterns] header missing?).");
        }
    }

    private void ReadEntry(string line, int start, int end, ReadingState section, bool reportRule)
    {
        var ruleName = reportRule ? _current?.Name : null;
        var text = line.AsSpan(start, end - start);
        if (section == ReadingState.Deploy)
        {
            // The vendor's prose shorthand "HEADER: <empty>" means "remove the header".
            var prose = EmptyProsePattern().Match(line, start, end - start);
            if (prose.Success)
            {
                _current!.Deploy.Add(new DeployLine(prose.Groups["name"].Value, string.Empty));
                return;
            }
        }
        else
        {
            _current!.MatchingEntriesSeen++;
        }

        var scan = EntryNameSyntax.Scan(text);
        switch (scan.Problem)
        {
            case EntryNameProblem.UnbalancedParentheses:
                AddError(start + scan.ProblemIndex, RoutingDiagnosticIds.TextUnbalancedParentheses,
                    line[start + scan.ProblemIndex] == ')'
                        ? "The name has a ')' without a matching '('."
                        : "The name has a '(' that is never closed before the '='.", ruleName);
                return;
            case EntryNameProblem.UnterminatedQuote:
                AddError(start + scan.ProblemIndex, RoutingDiagnosticIds.TextUnterminatedQuote, "The name has a quote that is never closed.", ruleName);
                return;
        }

        if (scan.EqualsIndex < 0)
        {
            AddError(start, RoutingDiagnosticIds.TextMissingEquals,
                $"Expected NAME = {(section == ReadingState.Deploy ? "VALUE" : "PATTERN")}, but there is no '=' outside parentheses and quotes.", ruleName);
            return;
        }

        var name = text[..scan.EqualsIndex].Trim().ToString();
        var value = text[(scan.EqualsIndex + 1)..].Trim().ToString();
        if (name.Length == 0)
        {
            AddError(start + scan.EqualsIndex, RoutingDiagnosticIds.TextEmptyName, "There is no name before the '='.", ruleName);
            return;
        }

        if (name[0] is '#' or '[')
        {
            AddError(start + (text.Length - text.TrimStart().Length), RoutingDiagnosticIds.TextInvalidName,
                $"A name cannot start with '{name[0]}': '{name}'.", ruleName);
            return;
        }

        if (section == ReadingState.Deploy)
        {
            _current!.Deploy.Add(new DeployLine(name, value));
        }
        else
        {
            _current!.Matching.Add(new MatchingLine(name, value));
        }
    }

    private void AddError(int index, string id, string message) =>
        AddError(index, id, message, _current?.Name);

    private void AddError(int index, string id, string message, string? ruleName) =>
        AddError(_lineNumber, index + 1, id, message, ruleName);

    private void AddError(int line, int column, string id, string message, string? ruleName) =>
        _errors.Add(Error(line, column, id, message, ruleName));

    /// <summary>A text error located by line and column of the text, and by rule when one is open.</summary>
    internal static RoutingDiagnostic Error(int line, int column, string id, string message, string? ruleName) =>
        new(id, RoutingDiagnosticSeverity.Error, message) { TextLine = line, TextColumn = column, Rule = ruleName };

    private static int SkipWhiteSpace(string line, int i)
    {
        while (i < line.Length && char.IsWhiteSpace(line[i]))
        {
            i++;
        }

        return i;
    }

    [GeneratedRegex(@"\G\s*(?<name>[$&]?[A-Za-z0-9][-A-Za-z0-9.!%*_+`'~]*)\s*:\s*<empty>\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EmptyProsePattern();
}
