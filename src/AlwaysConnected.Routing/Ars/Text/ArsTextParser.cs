using System.Globalization;
using AlwaysConnected.Routing.Ars.Compilation;
using AlwaysConnected.Routing.Collections;

namespace AlwaysConnected.Routing.Ars.Text;

/// <summary>
/// Turns ARS tokens into a definition, collecting every error instead of stopping at the first. One instance
/// reads one text.
/// </summary>
internal sealed partial class ArsTextParser
{
    private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private readonly List<RoutingDiagnostic> _diagnostics = [];
    private readonly List<ArsRoute> _routes = [];
    private readonly List<RouteTemplate> _templates = [];
    private readonly List<ArsVariable> _globals = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private ArsRouteDraft? _route;
    private ArsBlockDraft? _block;
    private int _blockErrorMark;
    private ArsTextToken? _rowHeader;
    private List<ArsVariable>? _rowVariables;
    private bool _inCredentials;
    private bool _explicitRoutes;
    private int _routeOrdinal;

    public (ArsDefinition? Definition, IReadOnlyList<RoutingDiagnostic> Diagnostics) Parse(string text)
    {
        foreach (var token in ArsTextTokenizer.Tokenize(text))
        {
            Handle(token);
        }

        FinishRoute();
        var diagnostics = _diagnostics.OrderBy(d => d.TextLine).ThenBy(d => d.TextColumn).ToList();
        if (diagnostics.Any(d => d.Severity == RoutingDiagnosticSeverity.Error))
        {
            return (null, diagnostics);
        }

        return (new ArsDefinition(_routes.ToEquatableArray(), _templates.ToEquatableArray(), _globals.ToEquatableArray()), diagnostics);
    }

    private void Handle(ArsTextToken token)
    {
        switch (token.Kind)
        {
            case ArsTokenKind.RouteHeader:
            case ArsTokenKind.TemplateHeader:
                FinishRoute();
                _explicitRoutes = true;
                StartRoute(token.Label, token.Kind == ArsTokenKind.TemplateHeader, token);
                break;
            case ArsTokenKind.RowHeader:
                StartRow(token);
                break;
            case ArsTokenKind.RegistrationHeader:
            case ArsTokenKind.CredentialsHeader:
                FinishBlock();
                FinishRow();
                if (_route is null)
                {
                    Error(RoutingDiagnosticIds.ArsTextMisplaced, token, null, $"[{token.Label}] must follow a [Route NAME] header.");
                }

                _inCredentials = token.Kind == ArsTokenKind.CredentialsHeader;
                break;
            case ArsTokenKind.PatternsHeader:
                StartBlock(token);
                break;
            case ArsTokenKind.MatchingHeader:
            case ArsTokenKind.DeployHeader:
                if (_block is null)
                {
                    Error(RoutingDiagnosticIds.ArsTextMisplaced, token, null, $"{token.Label} must follow a 'Patterns - IN' or 'Patterns - OUT' header.");
                }
                else
                {
                    _block.Part = token.Kind == ArsTokenKind.MatchingHeader ? ArsBlockPart.Matching : ArsBlockPart.Deploy;
                }

                break;
            case ArsTokenKind.Placeholder:
                HandlePlaceholder(token);
                break;
            case ArsTokenKind.Field:
                HandleField(token);
                break;
            default:
                // The text is not echoed: an unrecognised line may well be a mistyped password field.
                Error(
                    RoutingDiagnosticIds.ArsTextUnknown,
                    token,
                    null,
                    token.Label.Length > 0
                        ? $"Unknown field '{Shorten(token.Label)}'."
                        : "Unrecognised text; expected a header such as [Route NAME] or 'Patterns - IN', or a 'Label: value' field.");
                break;
        }
    }

    private void StartRoute(string name, bool isTemplate, ArsTextToken header)
    {
        _routeOrdinal++;
        _inCredentials = false;
        if (string.IsNullOrWhiteSpace(name))
        {
            name = string.Create(CultureInfo.InvariantCulture, $"route-{_routeOrdinal}");
            _route = new ArsRouteDraft(name, isTemplate, header);
            Error(RoutingDiagnosticIds.ArsTextInvalidValue, header, null, "The route name is empty.");
            return;
        }

        _route = new ArsRouteDraft(name, isTemplate, header);
        if (!_names.Add(name))
        {
            Error(RoutingDiagnosticIds.ArsTextDuplicate, header, null, $"Route name '{name}' is used twice.");
        }
    }

    private void StartRow(ArsTextToken token)
    {
        FinishBlock();
        FinishRow();
        _inCredentials = false;
        if (_route is not { IsTemplate: true })
        {
            Error(RoutingDiagnosticIds.ArsTextMisplaced, token, null, "[Row N] belongs in a [Template NAME].");
            return;
        }

        if (token.Index is not > 0)
        {
            Error(RoutingDiagnosticIds.ArsTextInvalidValue, token, null, "Row numbers start at 1.");
            return;
        }

        _rowHeader = token;
        _rowVariables = [];
    }

    private void StartBlock(ArsTextToken token)
    {
        FinishBlock();
        FinishRow();
        _inCredentials = false;
        if (!_explicitRoutes)
        {
            // Without [Route NAME] headers (the seed's form) every block is its own route.
            FinishRoute();
            StartRoute(string.Create(CultureInfo.InvariantCulture, $"route-{_routeOrdinal + 1}"), isTemplate: false, token);
        }

        var route = _route!;
        var direction = token.Direction!.Value;
        var numbers = direction == ArsDirection.In ? route.InNumbers : route.OutNumbers;
        var number = token.Index ?? (numbers.Count == 0 ? 1 : numbers.Max() + 1);
        _block = new ArsBlockDraft(direction, number, token);
        _blockErrorMark = ErrorCount;
        if (number < 1)
        {
            Error(RoutingDiagnosticIds.ArsTextInvalidValue, token, null, "Block numbers start at 1.");
        }
        else if (!numbers.Add(number))
        {
            Error(RoutingDiagnosticIds.ArsTextDuplicate, token, null, $"{token.Label} {number} is defined twice in this route.");
        }
    }

    private void HandlePlaceholder(ArsTextToken token)
    {
        var text = Shorten(token.Value);
        if (_block is { Direction: ArsDirection.Out })
        {
            Warning(RoutingDiagnosticIds.ArsTextPlaceholder, token, null, $"'{text}' is a placeholder: fill in the trunk connection (Target, Response Timeout, Recovery Time, Failover) and the deploy To/From for your ITSP. Until then this OUT block has no trunk.");
        }
        else
        {
            Warning(RoutingDiagnosticIds.ArsTextPlaceholder, token, null, $"'{text}' is a placeholder and was ignored.");
        }
    }

    private void HandleField(ArsTextToken token)
    {
        switch (token.Label)
        {
            case ['&', ..]:
                HandleVariable(token);
                break;
            case "Enabled" or "Inbound Source" or "Register URI" or "Proxy" or "Expires" or "Update" or "User" or "Password" or "Auth User" or "Realm":
                HandleRouteField(token);
                break;
            default:
                HandleBlockField(token);
                break;
        }
    }

    private void HandleVariable(ArsTextToken token)
    {
        var name = token.Label[1..];
        ArsVariable variable;
        try
        {
            variable = new ArsVariable(name, token.Value);
        }
        catch (ArgumentException e)
        {
            // The model refuses what it cannot hold (a CR or NUL in the value, ...): a located error, not a throw.
            Error(RoutingDiagnosticIds.ArsTextInvalidValue, token, token.Label, e.Message);
            return;
        }

        switch (name[0])
        {
            case 'g':
                AddVariable(_globals, variable, token);
                break;
            case 'v' when _rowVariables is not null:
                AddVariable(_rowVariables, variable, token);
                break;
            case 'v' when _route is { IsTemplate: false }:
                AddVariable(_route.Variables, variable, token);
                break;
            case 'v' when _route is not null:
                Error(RoutingDiagnosticIds.ArsTextMisplaced, token, token.Label, "A template's &v values go in its [Row N] sections.");
                break;
            case 'v':
                Error(RoutingDiagnosticIds.ArsTextMisplaced, token, token.Label, "A route variable must follow a [Route NAME] header.");
                break;
            case var _ when _route is { IsTemplate: true } && _rowVariables is null:
                AddVariable(_route.Variables, variable, token);
                break;
            default:
                Error(RoutingDiagnosticIds.ArsTextMisplaced, token, token.Label, "&a, &b and &c are common variables of a [Template NAME], written before its rows.");
                break;
        }
    }

    private void AddVariable(List<ArsVariable> variables, ArsVariable variable, ArsTextToken token)
    {
        if (variables.Any(v => v.Name == variable.Name))
        {
            Error(RoutingDiagnosticIds.ArsTextDuplicate, token, token.Label, $"{token.Label} is given twice.");
            return;
        }

        variables.Add(variable);
    }

    private void FinishRow()
    {
        if (_rowHeader is not { } header || _rowVariables is not { } variables || _route is not { } route)
        {
            _rowHeader = null;
            _rowVariables = null;
            return;
        }

        _rowHeader = null;
        _rowVariables = null;
        if (route.Rows.Any(r => r.Number == header.Index))
        {
            Error(RoutingDiagnosticIds.ArsTextDuplicate, header, null, $"[Row {header.Index}] is defined twice.");
            return;
        }

        route.Rows.Add(new TemplateRow(header.Index!.Value, variables.ToEquatableArray()));
    }

    private int? ParseInt(ArsTextToken token, int minimum, int maximum, string expected)
    {
        if (ArsTextValues.TryParseInt(token.Value, out var value) && value >= minimum && value <= maximum)
        {
            return value;
        }

        ErrorAtValue(RoutingDiagnosticIds.ArsTextInvalidValue, token, token.DisplayLabel, $"'{Shorten(token.Value)}' is not {expected}.");
        return null;
    }

    private int ErrorCount => _diagnostics.Count(d => d.Severity == RoutingDiagnosticSeverity.Error);

    private void Error(string id, ArsTextToken token, string? field, string message) =>
        Report(id, RoutingDiagnosticSeverity.Error, token.Line, token.Column, field, message, _route, _block);

    private void Error(string id, ArsTextToken token, string? field, string message, ArsBlockDraft block) =>
        Report(id, RoutingDiagnosticSeverity.Error, token.Line, token.Column, field, message, _route, block);

    private void Error(string id, ArsTextToken token, string? field, string message, ArsRouteDraft route) =>
        Report(id, RoutingDiagnosticSeverity.Error, token.Line, token.Column, field, message, route, null);

    private void ErrorAtValue(string id, ArsTextToken token, string? field, string message) =>
        Report(id, RoutingDiagnosticSeverity.Error, token.Line, token.ValueColumn, field, message, _route, _block);

    private void Warning(string id, ArsTextToken token, string? field, string message) =>
        Report(id, RoutingDiagnosticSeverity.Warning, token.Line, token.Column, field, message, _route, _block);

    private void Report(string id, RoutingDiagnosticSeverity severity, int line, int column, string? field, string message, ArsRouteDraft? route, ArsBlockDraft? block)
    {
        if (severity == RoutingDiagnosticSeverity.Error && route is not null)
        {
            route.HasErrors = true;
        }

        _diagnostics.Add(new RoutingDiagnostic(id, severity, message)
        {
            TextLine = line,
            TextColumn = column,
            Route = route?.Name,
            Section = block is null ? null : ArsCompilation.ArsBlockName(block.Direction, block.Number),
            Field = field,
        });
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
}
