using System.Globalization;
using AlwaysConnected.Routing.Ars.Compilation;
using AlwaysConnected.Routing.Collections;

namespace AlwaysConnected.Routing.Ars.Text;

/// <content>
/// The fields of a route (Enabled, Inbound Source, registration and credentials) and finishing a
/// route into the definition; pattern blocks are in ArsTextParser.Blocks.cs, the token dispatch, template
/// rows and variables in the main file.
/// </content>
internal sealed partial class ArsTextParser
{
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
}
