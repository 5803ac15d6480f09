namespace AlwaysConnected.Routing.Configuration;

/// <summary>One ARS route.</summary>
internal sealed class ArsRouteSection
{
    /// <summary>The route's name (unique).</summary>
    public string? Name { get; set; }

    /// <summary>Whether the route is used. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Which requests the route's IN blocks accept: <c>Any</c> (default) or <c>RegisteredTrunk</c> (only requests
    /// from the trunk the route registers with; the route then needs a <see cref="Registration"/>).
    /// </summary>
    public string? InboundSource { get; set; }

    /// <summary>The user the trunk authenticates.</summary>
    public string? User { get; set; }

    /// <summary>The trunk's password.</summary>
    public string? Password { get; set; }

    /// <summary>The REGISTER the route keeps up with its carrier, or null.</summary>
    public ArsRegistrationSection? Registration { get; set; }

    /// <summary>IN blocks, numbered from 1 in order.</summary>
    public IList<ArsBlockSection> In { get; } = [];

    /// <summary>OUT blocks, numbered from 1 in order.</summary>
    public IList<ArsBlockSection> Out { get; } = [];
}
