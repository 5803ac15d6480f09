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
