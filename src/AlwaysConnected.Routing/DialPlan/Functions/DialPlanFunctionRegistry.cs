using AlwaysConnected.Routing.DialPlan.Functions.BuiltIns;

namespace AlwaysConnected.Routing.DialPlan.Functions;

/// <summary>
/// The <c>$functions</c> a dial plan can call: the built-ins plus the host's own. Names are
/// case-insensitive (<c>$geturi</c> = <c>$getUri</c>); a host function may replace a built-in.
/// </summary>
internal sealed class DialPlanFunctionRegistry
{
    private readonly Dictionary<string, DialPlanFunction> _functions = new(StringComparer.OrdinalIgnoreCase);

    private DialPlanFunctionRegistry(Dictionary<string, DialPlanFunction> functions) => _functions = functions;

    /// <summary>Creates a registry holding the built-in functions.</summary>
    public DialPlanFunctionRegistry()
    {
        foreach (var function in BuiltInFunctions())
        {
            _functions[function.Name] = function;
        }
    }

    /// <summary>The names of every registered function (without <c>$</c>).</summary>
    public IEnumerable<string> Names => _functions.Keys;

    /// <summary>Adds a function, replacing any with the same name.</summary>
    /// <returns>This registry, for chaining.</returns>
    public DialPlanFunctionRegistry Add(DialPlanFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        _functions[function.Name] = function;
        return this;
    }

    /// <summary>Finds a function by name (with or without <c>$</c>).</summary>
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DialPlanFunction? function)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _functions.TryGetValue(name.StartsWith('$') ? name[1..] : name, out function);
    }

    /// <summary>A new registry holding the same functions; adding to it leaves this one unchanged.</summary>
    internal DialPlanFunctionRegistry Copy() => new(new Dictionary<string, DialPlanFunction>(_functions, StringComparer.OrdinalIgnoreCase));

    internal static IEnumerable<DialPlanFunction> BuiltInFunctions() =>
        RequestFunctions.All()
            .Concat(UriFunctions.All())
            .Concat(AddressFunctions.All())
            .Concat(TimeFunctions.All())
            .Concat(MathAndStringFunctions.All())
            .Concat(RegistrarFunctions.All())
            .Concat(SessionFunctions.All());
}
