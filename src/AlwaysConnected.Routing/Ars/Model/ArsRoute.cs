using AlwaysConnected.Routing.Collections;

namespace AlwaysConnected.Routing.Ars;

/// <summary>One ARS route: general settings, optional registration, variables, credentials and its IN and OUT blocks.</summary>
/// <remarks>
/// Variables hold <c>&amp;v</c> values; a route generated from a template also carries the template's common
/// <c>&amp;a</c>/<c>&amp;b</c>/<c>&amp;c</c> values. References in field values are left as written: the
/// evaluator expands them per call.
/// </remarks>
public sealed record ArsRoute
{
    private readonly string _name = "";
    private readonly EquatableArray<ArsVariable> _variables;
    private readonly EquatableArray<ArsPatternBlock> _inBlocks;
    private readonly EquatableArray<ArsPatternBlock> _outBlocks;

    /// <summary>Creates an enabled route with no blocks.</summary>
    /// <param name="name">The route name.</param>
    public ArsRoute(string name)
    {
        Name = name;
    }

    /// <summary>The route name, unique in a definition.</summary>
    public string Name { get => _name; init => _name = ArsModelGuard.Name(value, nameof(Name)); }

    /// <summary>Whether the route takes part in selection (default true).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The REGISTER this route keeps up, or null.</summary>
    public RouteRegistration? Registration { get; init; }

    /// <summary>
    /// Which requests the route's IN blocks accept (default <see cref="ArsInboundSource.Any"/>). With
    /// <see cref="ArsInboundSource.RegisteredTrunk"/> the route needs a <see cref="Registration"/>; the compiler
    /// reports <c>ARS0005</c> otherwise. OUT blocks are not affected.
    /// </summary>
    public ArsInboundSource InboundSource
    {
        get;
        init
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(InboundSource), value, "Unknown inbound source.");
            }

            field = value;
        }
    }

    /// <summary>The trunk credentials, or null to fall back on the registration's user and password.</summary>
    public TrunkCredentials? Credentials { get; init; }

    /// <summary>The route's variables (<c>&amp;v</c>, and <c>&amp;a</c>/<c>&amp;b</c>/<c>&amp;c</c> when generated from a template).</summary>
    public EquatableArray<ArsVariable> Variables
    {
        get => _variables;
        init => _variables = ArsModelGuard.Variables(value, "vabc", nameof(Variables));
    }

    /// <summary>The IN blocks in list order (the tie-break order for equal priorities).</summary>
    public EquatableArray<ArsPatternBlock> InBlocks
    {
        get => _inBlocks;
        init => _inBlocks = CheckBlocks(value, ArsDirection.In, nameof(InBlocks));
    }

    /// <summary>The OUT blocks in list order (the tie-break order for equal priorities).</summary>
    public EquatableArray<ArsPatternBlock> OutBlocks
    {
        get => _outBlocks;
        init => _outBlocks = CheckBlocks(value, ArsDirection.Out, nameof(OutBlocks));
    }

    /// <summary>
    /// The credentials used to answer a trunk's challenge: <see cref="Credentials"/> if set, else the
    /// registration's user and password (the vendor sends those for outbound calls too), else null.
    /// </summary>
    public TrunkCredentials? EffectiveCredentials =>
        Credentials ?? (Registration is { User: { } user } registration
            ? new TrunkCredentials(user, registration.Password ?? "")
            : null);

    /// <summary>Finds a variable's value.</summary>
    /// <param name="name">The name without <c>&amp;</c>, e.g. <c>v1</c>.</param>
    /// <returns>The value, or null when the route does not define it.</returns>
    public string? GetVariable(string name)
    {
        foreach (var variable in _variables)
        {
            if (variable.Name == name)
            {
                return variable.Value;
            }
        }

        return null;
    }

    private static EquatableArray<ArsPatternBlock> CheckBlocks(EquatableArray<ArsPatternBlock> blocks, ArsDirection direction, string paramName)
    {
        var numbers = new HashSet<int>();
        foreach (var block in blocks)
        {
            if (block is null)
            {
                throw new ArgumentException("The block list must not contain null.", paramName);
            }

            if (block.Direction != direction)
            {
                throw new ArgumentException($"{paramName} may only hold {direction.ToString().ToUpperInvariant()} blocks.", paramName);
            }

            if (!numbers.Add(block.Number))
            {
                throw new ArgumentException($"Block number {block.Number} is used twice.", paramName);
            }
        }

        return blocks;
    }
}
