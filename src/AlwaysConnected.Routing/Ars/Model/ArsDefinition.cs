using System.Diagnostics.CodeAnalysis;
using AlwaysConnected.Routing.Ars.Text;
using AlwaysConnected.Routing.Collections;

namespace AlwaysConnected.Routing.Ars;

/// <summary>A complete ARS configuration: routes, route templates and global variables.</summary>
public sealed record ArsDefinition
{
    private readonly EquatableArray<ArsRoute> _routes;
    private readonly EquatableArray<RouteTemplate> _templates;
    private readonly EquatableArray<ArsVariable> _globalVariables;

    /// <summary>Creates a definition.</summary>
    /// <param name="routes">The routes in list order.</param>
    /// <param name="templates">The route templates.</param>
    /// <param name="globalVariables">The <c>&amp;g</c> variables.</param>
    public ArsDefinition(
        EquatableArray<ArsRoute> routes,
        EquatableArray<RouteTemplate> templates = default,
        EquatableArray<ArsVariable> globalVariables = default)
    {
        GlobalVariables = globalVariables;
        _templates = templates;
        Routes = routes;
        Templates = templates;
    }

    /// <summary>An empty definition.</summary>
    public static ArsDefinition Empty { get; } = new(EquatableArray<ArsRoute>.Empty);

    /// <summary>Reads ARS routes in the text notation (docs/ars-notation.md).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="RoutingConfigurationException">The text has errors; the exception lists all of them.</exception>
    public static ArsDefinition Parse(string text) => ArsTextReader.Parse(text);

    /// <summary>Reads ARS routes in the text notation, collecting every error and warning instead of throwing.</summary>
    /// <param name="text">The text.</param>
    /// <param name="definition">The definition, or null when there are errors.</param>
    /// <param name="diagnostics">Every finding in text order; warnings may be present on success.</param>
    /// <returns>True when the text has no errors.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static bool TryParse(string text, [NotNullWhen(true)] out ArsDefinition? definition, out IReadOnlyList<RoutingDiagnostic> diagnostics) =>
        ArsTextReader.TryParse(text, out definition, out diagnostics);

    /// <summary>Writes the definition in the text notation that <see cref="Parse"/> reads back (LF line ends).</summary>
    /// <returns>The text.</returns>
    public string ToText() => ArsTextWriter.Write(this);

    /// <summary>The routes in list order; names are unique across routes and templates.</summary>
    public EquatableArray<ArsRoute> Routes
    {
        get => _routes;
        init => _routes = CheckNames(value, _templates, nameof(Routes));
    }

    /// <summary>The route templates; names are unique across routes and templates.</summary>
    public EquatableArray<RouteTemplate> Templates
    {
        get => _templates;
        init
        {
            CheckNames(_routes, value, nameof(Templates));
            _templates = value;
        }
    }

    /// <summary>The <c>&amp;g</c> variables visible to every route.</summary>
    public EquatableArray<ArsVariable> GlobalVariables
    {
        get => _globalVariables;
        init => _globalVariables = ArsModelGuard.Variables(value, "g", nameof(GlobalVariables));
    }

    /// <summary>
    /// The routes selection works on: <see cref="Routes"/> followed by every template's generated routes,
    /// in template and row order.
    /// </summary>
    /// <returns>The effective routes.</returns>
    /// <exception cref="RoutingConfigurationException">A template row cannot generate its route.</exception>
    /// <exception cref="ArgumentException">A generated name equals a route's name.</exception>
    public EquatableArray<ArsRoute> GetEffectiveRoutes()
    {
        if (_templates.Count == 0)
        {
            return _routes;
        }

        var all = new List<ArsRoute>(_routes);
        foreach (var template in _templates)
        {
            all.AddRange(template.GenerateRoutes());
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var route in all)
        {
            if (!names.Add(route.Name))
            {
                throw new ArgumentException($"Generated route name '{route.Name}' is already used.");
            }
        }

        return all.ToEquatableArray();
    }

    private static EquatableArray<ArsRoute> CheckNames(EquatableArray<ArsRoute> routes, EquatableArray<RouteTemplate> templates, string paramName)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var route in routes)
        {
            if (route is null)
            {
                throw new ArgumentException("The route list must not contain null.", paramName);
            }

            if (!names.Add(route.Name))
            {
                throw new ArgumentException($"Route name '{route.Name}' is used twice.", paramName);
            }
        }

        foreach (var template in templates)
        {
            if (template is null)
            {
                throw new ArgumentException("The template list must not contain null.", paramName);
            }

            if (!names.Add(template.Name))
            {
                throw new ArgumentException($"Name '{template.Name}' is used twice.", paramName);
            }
        }

        return routes;
    }
}
