using System.Globalization;
using AlwaysConnected.Routing.Collections;

namespace AlwaysConnected.Routing.Ars;

/// <summary>
/// A template route (the vendor's "Template" check box with its Variable Setting table): a prototype route
/// and rows of <c>&amp;v</c> values. Each row generates one route named <c>TEMPLATE*ROW</c> (the vendor's
/// <c>outbound*1</c>, <c>outbound*3</c>) carrying the row's <c>&amp;v</c> values and the template's common
/// <c>&amp;a</c>/<c>&amp;b</c>/<c>&amp;c</c> values.
/// </summary>
/// <remarks>
/// The vendor lets Priority and Max Sessions be variables (<c>Priority: &amp;v1</c>); those are kept as
/// <see cref="Bindings"/> and resolved to numbers when the routes are generated, so the generated routes are
/// ordinary routes. Text fields keep their references; the evaluator expands them per call.
/// </remarks>
internal sealed record RouteTemplate
{
    private readonly ArsRoute _route;
    private readonly EquatableArray<ArsVariable> _commonVariables;
    private readonly EquatableArray<TemplateRow> _rows;
    private readonly EquatableArray<TemplateBinding> _bindings;

    /// <summary>Creates a template with no rows.</summary>
    /// <param name="route">The prototype route; its name is the template's name and it must have no variables of its own.</param>
    public RouteTemplate(ArsRoute route)
    {
        _route = CheckRoute(route);
    }

    /// <summary>The template's name (the prototype's name).</summary>
    public string Name => _route.Name;

    /// <summary>The prototype route.</summary>
    public ArsRoute Route
    {
        get => _route;
        init
        {
            _route = CheckRoute(value);
            CheckBindings(_bindings, _route);
        }
    }

    /// <summary>The common variables (<c>&amp;a</c>, <c>&amp;b</c>, <c>&amp;c</c>) shared by every generated route.</summary>
    public EquatableArray<ArsVariable> CommonVariables
    {
        get => _commonVariables;
        init => _commonVariables = ArsModelGuard.Variables(value, "abc", nameof(CommonVariables));
    }

    /// <summary>The Variable Setting rows, one generated route each; row numbers are unique.</summary>
    public EquatableArray<TemplateRow> Rows
    {
        get => _rows;
        init
        {
            var numbers = new HashSet<int>();
            foreach (var row in value)
            {
                if (row is null || !numbers.Add(row.Number))
                {
                    throw new ArgumentException("Rows must not be null and row numbers must be unique.", nameof(Rows));
                }
            }

            _rows = value;
        }
    }

    /// <summary>The numeric block settings taken from variables.</summary>
    public EquatableArray<TemplateBinding> Bindings
    {
        get => _bindings;
        init => _bindings = CheckBindings(value, _route);
    }

    /// <summary>Builds the route a row generates.</summary>
    /// <param name="row">One of <see cref="Rows"/>.</param>
    /// <returns>The generated route.</returns>
    /// <exception cref="RoutingConfigurationException">A bound variable is missing or not an integer in range.</exception>
    public ArsRoute Generate(TemplateRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var variables = row.Variables.Concat(_commonVariables).ToEquatableArray();
        var name = string.Create(CultureInfo.InvariantCulture, $"{Name}*{row.Number}");
        return _route with
        {
            Name = name,
            Variables = variables,
            InBlocks = Bind(_route.InBlocks, row, variables),
            OutBlocks = Bind(_route.OutBlocks, row, variables),
        };
    }

    /// <summary>Builds the routes of all rows, in row order.</summary>
    /// <returns>The generated routes.</returns>
    /// <exception cref="RoutingConfigurationException">A bound variable is missing or not an integer in range.</exception>
    public EquatableArray<ArsRoute> GenerateRoutes() => _rows.Select(Generate).ToEquatableArray();

    private EquatableArray<ArsPatternBlock> Bind(EquatableArray<ArsPatternBlock> blocks, TemplateRow row, EquatableArray<ArsVariable> variables)
    {
        if (_bindings.Count == 0)
        {
            return blocks;
        }

        var result = new List<ArsPatternBlock>(blocks.Count);
        foreach (var block in blocks)
        {
            var bound = block;
            foreach (var binding in _bindings)
            {
                if (binding.Direction != block.Direction || binding.BlockNumber != block.Number)
                {
                    continue;
                }

                var text = variables.FirstOrDefault(v => v.Name == binding.Variable)?.Value;
                if (text is null || !int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                {
                    throw TemplateError(row.Number, binding, text is null ? "is not defined" : "is not an integer");
                }

                try
                {
                    bound = binding.Field == TemplateNumericField.Priority
                        ? bound with { Priority = number }
                        : bound with { MaxSessions = number };
                }
                catch (ArgumentOutOfRangeException)
                {
                    throw TemplateError(row.Number, binding, "is out of range");
                }
            }

            result.Add(bound);
        }

        return result.ToEquatableArray();
    }

    private static ArsRoute CheckRoute(ArsRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        if (route.Variables.Count != 0)
        {
            throw new ArgumentException("A template's variables come from its rows and common variables; the prototype route must define none.", nameof(route));
        }

        return route;
    }

    private static EquatableArray<TemplateBinding> CheckBindings(EquatableArray<TemplateBinding> bindings, ArsRoute route)
    {
        var seen = new HashSet<(ArsDirection, int, TemplateNumericField)>();
        foreach (var binding in bindings)
        {
            if (binding is null)
            {
                throw new ArgumentException("The binding list must not contain null.", nameof(Bindings));
            }

            var blocks = binding.Direction == ArsDirection.In ? route.InBlocks : route.OutBlocks;
            if (!blocks.Any(b => b.Number == binding.BlockNumber))
            {
                throw new ArgumentException($"Binding for {binding.Direction.ToString().ToUpperInvariant()} {binding.BlockNumber} names a block the template does not have.", nameof(Bindings));
            }

            if (!seen.Add((binding.Direction, binding.BlockNumber, binding.Field)))
            {
                throw new ArgumentException("A block setting is bound twice.", nameof(Bindings));
            }
        }

        return bindings;
    }

    /// <summary>A row cannot generate its route: one <see cref="RoutingDiagnosticIds.ArsInvalidTemplate"/> diagnostic.</summary>
    private RoutingConfigurationException TemplateError(int rowNumber, TemplateBinding binding, string problem)
    {
        var direction = binding.Direction == ArsDirection.In ? "IN" : "OUT";
        return new RoutingConfigurationException(
        [
            new RoutingDiagnostic(
                RoutingDiagnosticIds.ArsInvalidTemplate,
                RoutingDiagnosticSeverity.Error,
                $"Template '{Name}' row {rowNumber}: {direction} {binding.BlockNumber} {binding.Field} uses &{binding.Variable}, which {problem}.")
            {
                Route = Name,
                Section = string.Create(CultureInfo.InvariantCulture, $"{direction} {binding.BlockNumber}"),
                Field = binding.Field.ToString(),
            },
        ]);
    }
}
