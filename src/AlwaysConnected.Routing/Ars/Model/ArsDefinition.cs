using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using AlwaysConnected.Routing.Ars.Text;
using AlwaysConnected.Routing.Collections;

namespace AlwaysConnected.Routing.Ars;

/// <summary>A complete ARS configuration: routes and global variables, and the route templates of the text notation.</summary>
/// <remarks>
/// Route templates (<c>[Template NAME]</c> with <c>[Row N]</c> tables) are a feature of the text notation: they
/// are written in text (<see cref="Parse"/>, or JSON's <c>Ars:Text</c>), kept by the definition (so
/// <see cref="ToText"/> writes them back and equality compares them) and expanded into ordinary routes when the
/// rules are compiled (<see cref="GetEffectiveRoutes"/>). Code that builds routes has loops instead.
/// </remarks>
public sealed record ArsDefinition
{
    private readonly EquatableArray<ArsRoute> _routes;
    private readonly EquatableArray<RouteTemplate> _templates;
    private readonly EquatableArray<ArsVariable> _globalVariables;

    /// <summary>Creates a definition.</summary>
    /// <param name="routes">The routes in list order.</param>
    /// <param name="globalVariables">The <c>&amp;g</c> variables.</param>
    /// <exception cref="ArgumentException">A route is null, two routes share a name, or a variable is not a unique <c>&amp;g</c> variable.</exception>
    public ArsDefinition(EquatableArray<ArsRoute> routes, EquatableArray<ArsVariable> globalVariables = default)
        : this(routes, default, globalVariables)
    {
    }

    /// <summary>Creates a definition with route templates (the text reader, the builder, <see cref="Combine"/>).</summary>
    internal ArsDefinition(EquatableArray<ArsRoute> routes, EquatableArray<RouteTemplate> templates, EquatableArray<ArsVariable> globalVariables)
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

    /// <summary>
    /// Combines definitions into one (for example ARS files read one by one): the routes, route templates and
    /// global variables of each definition, in argument order.
    /// </summary>
    /// <remarks>
    /// A name may be used only once in the result, as in a single text: a route or route template name used by
    /// two definitions, or a global variable defined by two definitions (even with the same value), is an error.
    /// Every such conflict is reported, none is dropped: one <see cref="RoutingDiagnosticIds.InvalidRuleSet"/>
    /// error each, whose <see cref="RoutingDiagnostic.Route"/> is the name (or whose message names the variable)
    /// and whose <see cref="RoutingDiagnostic.Section"/> gives the positions of the two definitions, counted from
    /// 1 in argument order (for example <c>definitions 1 and 3</c>). A definition holds no text positions, so a
    /// caller that read the definitions from files maps those positions to its files.
    /// </remarks>
    /// <param name="definitions">The definitions, in order.</param>
    /// <returns>The combined definition; <see cref="Empty"/> when none is given.</returns>
    /// <exception cref="ArgumentNullException">A definition is null.</exception>
    /// <exception cref="RoutingConfigurationException">Names clash across the definitions; the exception lists every clash.</exception>
    public static ArsDefinition Combine(params ReadOnlySpan<ArsDefinition> definitions)
    {
        foreach (var definition in definitions)
        {
            ArgumentNullException.ThrowIfNull(definition, nameof(definitions));
        }

        switch (definitions.Length)
        {
            case 0:
                return Empty;
            case 1:
                return definitions[0];
        }

        var routes = new List<ArsRoute>();
        var templates = new List<RouteTemplate>();
        var globals = new List<ArsVariable>();
        var routeOwners = new Dictionary<string, int>(StringComparer.Ordinal);
        var globalOwners = new Dictionary<string, int>(StringComparer.Ordinal);
        var problems = new List<RoutingDiagnostic>();
        for (var i = 0; i < definitions.Length; i++)
        {
            var definition = definitions[i];
            var number = i + 1;
            foreach (var route in definition._routes)
            {
                if (Claim(routeOwners, route.Name, number, problems, RouteClash))
                {
                    routes.Add(route);
                }
            }

            foreach (var template in definition._templates)
            {
                if (Claim(routeOwners, template.Name, number, problems, RouteClash))
                {
                    templates.Add(template);
                }
            }

            foreach (var variable in definition._globalVariables)
            {
                if (Claim(globalOwners, variable.Name, number, problems, GlobalClash))
                {
                    globals.Add(variable);
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new RoutingConfigurationException(problems);
        }

        return new ArsDefinition(routes.ToEquatableArray(), templates.ToEquatableArray(), globals.ToEquatableArray());
    }

    /// <summary>The routes in list order; names are unique across routes and templates.</summary>
    public EquatableArray<ArsRoute> Routes
    {
        get => _routes;
        init => _routes = CheckNames(value, _templates, nameof(Routes));
    }

    /// <summary>Whether the definition has no routes, no route templates and no global variables.</summary>
    public bool IsEmpty => _routes.Count == 0 && _templates.Count == 0 && _globalVariables.Count == 0;

    /// <summary>The route templates read from text; names are unique across routes and templates.</summary>
    internal EquatableArray<RouteTemplate> Templates
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

    /// <summary>Records that definition <paramref name="number"/> uses <paramref name="name"/>; false (and one diagnostic) when an earlier one does.</summary>
    private static bool Claim(Dictionary<string, int> owners, string name, int number, List<RoutingDiagnostic> problems, Func<string, RoutingDiagnostic> clash)
    {
        if (owners.TryAdd(name, number))
        {
            return true;
        }

        problems.Add(clash(name) with
        {
            Section = string.Create(CultureInfo.InvariantCulture, $"definitions {owners[name]} and {number}"),
        });
        return false;
    }

    // The wording is the text reader's for the same mistake within one text.
    private static RoutingDiagnostic RouteClash(string name) =>
        new(RoutingDiagnosticIds.InvalidRuleSet, RoutingDiagnosticSeverity.Error, $"Route name '{name}' is used twice.") { Route = name };

    private static RoutingDiagnostic GlobalClash(string name) =>
        new(RoutingDiagnosticIds.InvalidRuleSet, RoutingDiagnosticSeverity.Error, $"&{name} is given twice.") { Field = "&" + name };

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
