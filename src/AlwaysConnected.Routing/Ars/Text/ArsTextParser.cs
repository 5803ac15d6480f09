using System.Globalization;
using AlwaysConnected.Routing.Ars.Compilation;
using AlwaysConnected.Routing.Collections;

namespace AlwaysConnected.Routing.Ars.Text;

/// <summary>
/// Turns ARS tokens into a definition, collecting every error instead of stopping at the first. One instance
/// reads one text.
/// </summary>
internal sealed class ArsTextParser
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

    private void HandleRouteField(ArsTextToken token)
    {
        var label = token.Label;
        if (_route is null)
        {
            Error(RoutingDiagnosticIds.ArsTextMisplaced, token, label, $"'{label}' must follow a [Route NAME] header.");
            return;
        }

        if (_rowVariables is not null)
        {
            Error(RoutingDiagnosticIds.ArsTextMisplaced, token, label, "Only &vN values belong in a [Row N].");
            return;
        }

        var credentialsField = _inCredentials && label is "User" or "Password" or "Auth User" or "Realm";
        if (!_route.Seen.Add((credentialsField ? "credentials/" : "route/") + label))
        {
            Error(RoutingDiagnosticIds.ArsTextDuplicate, token, label, $"'{label}' is given twice.");
            return;
        }

        var value = token.Value;
        switch (label)
        {
            case "Enabled":
                if (ArsTextValues.TryParseBool(value, out var enabled))
                {
                    _route.Enabled = enabled;
                }
                else
                {
                    ErrorAtValue(RoutingDiagnosticIds.ArsTextInvalidValue, token, label, $"'{Shorten(value)}' is not true or false.");
                }

                break;
            case "Inbound Source":
                if (ArsTextValues.TryParseInboundSource(value, out var inboundSource))
                {
                    _route.InboundSource = inboundSource;
                }
                else
                {
                    ErrorAtValue(RoutingDiagnosticIds.ArsTextInvalidValue, token, label, $"'{Shorten(value)}' is not any or registered-trunk.");
                }

                break;
            case "Register URI":
                _route.FirstRegistrationField ??= token;
                _route.RegisterUri = NullIfEmpty(value);
                break;
            case "Proxy":
                _route.FirstRegistrationField ??= token;
                _route.Proxy = NullIfEmpty(value);
                break;
            case "Expires":
                _route.FirstRegistrationField ??= token;
                _route.Expires = ParseInt(token, 1, int.MaxValue, "a number of seconds, at least 1");
                break;
            case "Update":
                _route.FirstRegistrationField ??= token;
                _route.Update = ParseInt(token, 1, 100, "a percentage from 1 to 100");
                break;
            case "User" when credentialsField:
                _route.FirstCredentialsField ??= token;
                _route.CredentialsUser = NullIfEmpty(value);
                break;
            case "Password" when credentialsField:
                _route.FirstCredentialsField ??= token;
                _route.CredentialsPassword = value;
                break;
            case "User":
                _route.FirstRegistrationField ??= token;
                _route.RegistrationUser = NullIfEmpty(value);
                break;
            case "Password":
                _route.FirstRegistrationField ??= token;
                _route.RegistrationPassword = value;
                break;
            case "Auth User" when credentialsField:
                _route.FirstCredentialsField ??= token;
                _route.AuthUser = NullIfEmpty(value);
                break;
            case "Realm" when credentialsField:
                _route.FirstCredentialsField ??= token;
                _route.Realm = NullIfEmpty(value);
                break;
            default:
                Error(RoutingDiagnosticIds.ArsTextMisplaced, token, label, $"'{label}' belongs under [Credentials].");
                break;
        }
    }

    private void HandleBlockField(ArsTextToken token)
    {
        var label = token.DisplayLabel;
        if (_block is null)
        {
            Error(RoutingDiagnosticIds.ArsTextMisplaced, token, label, $"'{label}' must be inside a pattern block (after 'Patterns - IN' or 'Patterns - OUT').");
            return;
        }

        var block = _block;
        var partLabel = token.Label is "To" or "From" ? $"{block.Part}/{label}" : label;
        if (token.Label != "Custom" && !block.Seen.Add(partLabel))
        {
            Error(RoutingDiagnosticIds.ArsTextDuplicate, token, label, $"'{label}' is given twice in this {(token.Label is "To" or "From" ? "part of the " : "")}block.");
            return;
        }

        var value = token.Value;
        switch (token.Label)
        {
            case "Priority":
                if (!TryBind(token, TemplateNumericField.Priority))
                {
                    block.Priority = ParseInt(token, 0, int.MaxValue, "a whole number, 0 or more (lower wins)");
                }

                break;
            case "Max Sessions":
                if (!TryBind(token, TemplateNumericField.MaxSessions))
                {
                    block.MaxSessions = ParseInt(token, ArsPatternBlock.UnlimitedSessions, int.MaxValue, "a whole number, -1 for unlimited");
                }

                break;
            case "Disabled":
                if (ArsTextValues.TryParseBool(value, out var disabled))
                {
                    block.Disabled = disabled;
                }
                else
                {
                    ErrorAtValue(RoutingDiagnosticIds.ArsTextInvalidValue, token, label, $"'{Shorten(value)}' is not true or false.");
                }

                break;
            case "To" or "From":
                SetToFrom(token, block);
                break;
            case "Plugin" or "Param" or "Return":
                SetSlot(token, block);
                break;
            case "Custom":
                if (block.Part != ArsBlockPart.Deploy)
                {
                    Error(RoutingDiagnosticIds.ArsTextMisplaced, token, label, "'Custom' belongs under [Deploy Patterns].");
                }
                else if (!ArsPatternBlock.IsValidCustom(value))
                {
                    ErrorAtValue(RoutingDiagnosticIds.ArsTextInvalidValue, token, label, "A Custom entry is 'Header=value' (a SIP header) or '&name=value' (a call property).");
                }
                else
                {
                    block.Custom.Add(value);
                }

                break;
            default:
                SetTrunkField(token, block);
                break;
        }
    }

    private bool TryBind(ArsTextToken token, TemplateNumericField field)
    {
        if (!token.Value.StartsWith('&'))
        {
            return false;
        }

        var name = token.Value[1..].Trim();
        if (_route is not { IsTemplate: true })
        {
            ErrorAtValue(RoutingDiagnosticIds.ArsTextMisplaced, token, token.Label, $"A variable in '{token.Label}' is only allowed in a [Template NAME].");
        }
        else if (!ArsVariable.IsValidName(name) || name[0] == 'g')
        {
            ErrorAtValue(RoutingDiagnosticIds.ArsTextInvalidValue, token, token.Label, $"'{Shorten(token.Value)}' is not a template variable (&v1, &a1, &b1, &c1, ...).");
        }
        else
        {
            _route.Bindings.Add(new TemplateBinding(_block!.Direction, _block.Number, field, name));
        }

        return true;
    }

    private void SetToFrom(ArsTextToken token, ArsBlockDraft block)
    {
        var value = NullIfEmpty(token.Value);
        switch (block.Part, token.Label)
        {
            case (ArsBlockPart.Matching, "To"):
                block.MatchTo = value;
                break;
            case (ArsBlockPart.Matching, _):
                block.MatchFrom = value;
                break;
            case (ArsBlockPart.Deploy, "To"):
                block.DeployTo = value;
                break;
            case (ArsBlockPart.Deploy, _):
                block.DeployFrom = value;
                break;
            default:
                Error(RoutingDiagnosticIds.ArsTextMisplaced, token, token.Label, $"'{token.Label}' must follow [Matching Patterns] or [Deploy Patterns].");
                break;
        }
    }

    private void SetSlot(ArsTextToken token, ArsBlockDraft block)
    {
        var label = token.DisplayLabel;
        if (block.Part != ArsBlockPart.Matching)
        {
            Error(RoutingDiagnosticIds.ArsTextMisplaced, token, label, $"'{label}' belongs under [Matching Patterns].");
            return;
        }

        if (token.Index is not > 0)
        {
            Error(RoutingDiagnosticIds.ArsTextInvalidValue, token, label, "Plug-in slots are numbered from 1.");
            return;
        }

        if (!block.Slots.TryGetValue(token.Index.Value, out var slot))
        {
            slot = new ArsSlotDraft(token);
            block.Slots.Add(token.Index.Value, slot);
        }

        var value = NullIfEmpty(token.Value);
        switch (token.Label)
        {
            case "Plugin":
                slot.Plugin = value;
                break;
            case "Param":
                slot.Param = value;
                break;
            default:
                slot.Return = value;
                break;
        }
    }

    private void SetTrunkField(ArsTextToken token, ArsBlockDraft block)
    {
        var label = token.Label;
        if (block.Direction != ArsDirection.Out)
        {
            Error(RoutingDiagnosticIds.ArsTextMisplaced, token, label, $"'{label}' is part of a trunk connection, which only OUT blocks have.");
            return;
        }

        var value = token.Value;
        switch (label)
        {
            case "Target":
                if (value.Length == 0 || value.Any(char.IsWhiteSpace))
                {
                    ErrorAtValue(RoutingDiagnosticIds.ArsTextInvalidValue, token, label, "The target is host[:port][;transport=x] or a SIP URI, without spaces.");
                }
                else
                {
                    block.Target = value;
                }

                return;
            case "Response Timeout":
                block.FirstTrunkSetting ??= token;
                if (ArsTextValues.TryParseDuration(value, Millisecond, out var timeout) && timeout > TimeSpan.Zero)
                {
                    block.ResponseTimeout = timeout;
                }
                else
                {
                    ErrorAtValue(RoutingDiagnosticIds.ArsTextInvalidValue, token, label, $"'{Shorten(value)}' is not a timeout greater than zero (milliseconds, or a number with ms, s, min or h).");
                }

                return;
            case "Recovery Time":
                block.FirstTrunkSetting ??= token;
                if (ArsTextValues.TryParseDuration(value, Second, out var recovery))
                {
                    block.RecoveryTime = recovery;
                }
                else
                {
                    ErrorAtValue(RoutingDiagnosticIds.ArsTextInvalidValue, token, label, $"'{Shorten(value)}' is not a duration (seconds, or a number with ms, s, min or h).");
                }

                return;
            default:
                block.FirstTrunkSetting ??= token;
                if (ArsTextValues.TryParseFailover(value, out var policy, out var problem))
                {
                    block.Failover = policy;
                }
                else
                {
                    ErrorAtValue(RoutingDiagnosticIds.ArsTextInvalidValue, token, label, $"The failover list has {problem}.");
                }

                return;
        }
    }

    private void FinishBlock()
    {
        if (_block is not { } block || _route is not { } route)
        {
            _block = null;
            return;
        }

        _block = null;
        var plugins = new List<PluginSlot>();
        foreach (var (number, slot) in block.Slots)
        {
            if (slot.Plugin is null)
            {
                Error(RoutingDiagnosticIds.ArsTextIncomplete, slot.FirstToken, $"Plugin {number}", $"Slot {number} has Param/Return but no 'Plugin {number}'.", block);
                continue;
            }

            try
            {
                plugins.Add(new PluginSlot(number, slot.Plugin, slot.Param, slot.Return));
            }
            catch (ArgumentException exception)
            {
                // The model refuses what it cannot hold (a control byte in Param/Return, ...).
                Error(RoutingDiagnosticIds.ArsTextIncomplete, slot.FirstToken, $"Plugin {number}", exception.Message, block);
            }
        }

        if (block.Target is null && block.FirstTrunkSetting is { } orphan)
        {
            Error(RoutingDiagnosticIds.ArsTextIncomplete, orphan, orphan.Label, "Trunk settings need a 'Target' in the same block.", block);
        }

        if (ErrorCount != _blockErrorMark)
        {
            return;
        }

        try
        {
            var built = new ArsPatternBlock(block.Number, block.Direction)
            {
                Priority = block.Priority ?? ArsPatternBlock.DefaultPriority,
                MaxSessions = block.MaxSessions ?? ArsPatternBlock.UnlimitedSessions,
                Disabled = block.Disabled,
                MatchTo = block.MatchTo,
                MatchFrom = block.MatchFrom,
                Plugins = plugins.ToEquatableArray(),
                DeployTo = block.DeployTo,
                DeployFrom = block.DeployFrom,
                Custom = block.Custom.ToEquatableArray(),
                Trunk = block.Target is null
                    ? null
                    : new TrunkConnection(block.Target, block.ResponseTimeout, block.RecoveryTime, block.Failover),
            };
            (block.Direction == ArsDirection.In ? route.InBlocks : route.OutBlocks).Add(built);
        }
        catch (ArgumentException exception)
        {
            Error(RoutingDiagnosticIds.ArsTextIncomplete, block.Header, null, exception.Message, block);
        }
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

    private void FinishRoute()
    {
        FinishBlock();
        FinishRow();
        if (_route is not { } route)
        {
            return;
        }

        _route = null;
        _inCredentials = false;
        RouteRegistration? registration = null;
        if (route.FirstRegistrationField is { } firstRegistration)
        {
            if (route.RegisterUri is null)
            {
                Error(RoutingDiagnosticIds.ArsTextIncomplete, firstRegistration, "Register URI", "Registration fields (Proxy, Expires, Update, User, Password) need a 'Register URI'; put trunk credentials without registration under [Credentials].", route);
            }
            else
            {
                try
                {
                    registration = new RouteRegistration(
                        route.RegisterUri,
                        route.Proxy,
                        route.Expires ?? RouteRegistration.DefaultExpirySeconds,
                        route.Update ?? RouteRegistration.DefaultUpdatePercent,
                        route.RegistrationUser,
                        route.RegistrationPassword);
                }
                catch (ArgumentException exception)
                {
                    // A value the model refuses (a control character, say) is a located error, never a throw.
                    Error(RoutingDiagnosticIds.ArsTextInvalidValue, firstRegistration, "Registration", exception.Message, route);
                }
            }
        }

        TrunkCredentials? credentials = null;
        if (route.FirstCredentialsField is { } firstCredentials)
        {
            if (route.CredentialsUser is null)
            {
                Error(RoutingDiagnosticIds.ArsTextIncomplete, firstCredentials, "User", "[Credentials] needs a 'User'.", route);
            }
            else
            {
                try
                {
                    credentials = new TrunkCredentials(route.CredentialsUser, route.CredentialsPassword ?? "", route.AuthUser, route.Realm);
                }
                catch (ArgumentException exception)
                {
                    Error(RoutingDiagnosticIds.ArsTextInvalidValue, firstCredentials, "Credentials", exception.Message, route);
                }
            }
        }

        if (route.HasErrors)
        {
            return;
        }

        try
        {
            var built = new ArsRoute(route.Name)
            {
                Enabled = route.Enabled,
                InboundSource = route.InboundSource,
                Registration = registration,
                Credentials = credentials,
                Variables = route.IsTemplate ? EquatableArray<ArsVariable>.Empty : route.Variables.ToEquatableArray(),
                InBlocks = route.InBlocks.ToEquatableArray(),
                OutBlocks = route.OutBlocks.ToEquatableArray(),
            };
            if (route.IsTemplate)
            {
                _templates.Add(new RouteTemplate(built)
                {
                    CommonVariables = route.Variables.ToEquatableArray(),
                    Rows = route.Rows.ToEquatableArray(),
                    Bindings = route.Bindings.ToEquatableArray(),
                });
            }
            else
            {
                _routes.Add(built);
            }
        }
        catch (ArgumentException exception)
        {
            Error(RoutingDiagnosticIds.ArsTextIncomplete, route.Header, null, exception.Message, route);
        }
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
