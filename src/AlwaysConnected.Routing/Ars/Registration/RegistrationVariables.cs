using System.Globalization;
using System.Text;
using AlwaysConnected.Routing.Ars.Compilation;

namespace AlwaysConnected.Routing.Ars.Registration;

/// <summary>
/// Reads a route's registration as the route means it: <c>&amp;vN</c>, <c>&amp;aN</c>… from the route (a template
/// row's own values) and <c>&amp;gN</c> from the definition, so each generated route registers its own account.
/// </summary>
internal static class RegistrationVariables
{
    public static RouteRegistration Expand(RouteRegistration registration, ArsRoute route, ArsDefinition definition) => registration with
    {
        RegisterUri = Expand(registration.RegisterUri, route, definition),
        Proxy = registration.Proxy is { } proxy ? Expand(proxy, route, definition) : null,
        User = registration.User is { } user ? Expand(user, route, definition) : null,
        Password = registration.Password is { } password ? Expand(password, route, definition) : null,
    };

    /// <summary>Replaces each variable reference; an undefined one expands to the empty string, as in the routes' fields.</summary>
    public static string Expand(string source, ArsRoute route, ArsDefinition definition)
    {
        if (!source.Contains('&', StringComparison.Ordinal))
        {
            return source;
        }

        var result = new StringBuilder(source.Length);
        var i = 0;
        while (i < source.Length)
        {
            if (source[i] == '&' && ArsCompilation.TryReadReference(source, i, out var kind, out var number, out var end) && kind is 'v' or 'a' or 'b' or 'c' or 'g')
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"{kind}{number}");
                result.Append(kind == 'g' ? definition.GlobalVariables.FirstOrDefault(v => v.Name == name)?.Value : route.GetVariable(name));
                i = end;
                continue;
            }

            result.Append(source[i]);
            i++;
        }

        return result.ToString();
    }
}
