using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Collections;

namespace AlwaysConnected.Routing;

/// <summary>Builds one ARS route: its IN and OUT pattern blocks and the trunk's credentials.</summary>
public sealed class ArsRouteBuilder
{
    private readonly List<ArsPatternBlock> _in = [];
    private readonly List<ArsPatternBlock> _out = [];
    private readonly List<ArsVariable> _variables = [];
    private ArsRoute _route;

    private bool _built;

    internal ArsRouteBuilder(string name) => _route = new ArsRoute(name);

    /// <summary>Adds an IN block (for calls arriving from outside).</summary>
    public ArsRouteBuilder In(Action<ArsBlockBuilder> configure)
    {
        ThrowIfBuilt();
        ArgumentNullException.ThrowIfNull(configure);
        var block = new ArsBlockBuilder(_in.Count + 1, ArsDirection.In);
        configure(block);
        _in.Add(block.Build());
        return this;
    }

    /// <summary>Adds an OUT block (for calls leaving towards a trunk).</summary>
    public ArsRouteBuilder Out(Action<ArsBlockBuilder> configure)
    {
        ThrowIfBuilt();
        ArgumentNullException.ThrowIfNull(configure);
        var block = new ArsBlockBuilder(_out.Count + 1, ArsDirection.Out);
        configure(block);
        _out.Add(block.Build());
        return this;
    }

    /// <summary>The credentials the route answers a trunk's 401/407 with.</summary>
    public ArsRouteBuilder Credentials(string user, string password, string? authUser = null, string? realm = null)
    {
        ThrowIfBuilt();
        _route = _route with { Credentials = new TrunkCredentials(user, password, authUser, realm) };
        return this;
    }

    /// <summary>The REGISTER the route keeps up with its carrier (see <see cref="Ars.Registration.TrunkRegistrar"/>).</summary>
    /// <param name="registerUri">The address of record, e.g. <c>sip:acct@itsp.example</c>.</param>
    /// <param name="proxy">The registrar's address when it is not the Register URI's host; null otherwise.</param>
    /// <param name="expirySeconds">The expiry asked for, in seconds.</param>
    /// <param name="updatePercent">When to refresh, as a percentage of the granted expiry.</param>
    /// <param name="user">The user that answers the registrar's challenge; null when it does not challenge.</param>
    /// <param name="password">Its password.</param>
    public ArsRouteBuilder Registration(
        string registerUri,
        string? proxy = null,
        int expirySeconds = RouteRegistration.DefaultExpirySeconds,
        int updatePercent = RouteRegistration.DefaultUpdatePercent,
        string? user = null,
        string? password = null)
    {
        ThrowIfBuilt();
        _route = _route with { Registration = new RouteRegistration(registerUri, proxy, expirySeconds, updatePercent, user, password) };
        return this;
    }

    /// <summary>
    /// Which requests the route's IN blocks accept. <see cref="ArsInboundSource.RegisteredTrunk"/> takes only
    /// requests from the trunk the route registers with (call <see cref="Registration"/> too).
    /// </summary>
    /// <param name="source">The accepted source.</param>
    public ArsRouteBuilder InboundSource(ArsInboundSource source)
    {
        _route = _route with { InboundSource = source };
        return this;
    }

    /// <summary>Sets a route variable (<c>&amp;v1</c>..).</summary>
    public ArsRouteBuilder Variable(string name, string value)
    {
        ThrowIfBuilt();
        _variables.Add(new ArsVariable(name, value));
        return this;
    }

    /// <summary>Keeps the route but skips it.</summary>
    public ArsRouteBuilder Disable()
    {
        ThrowIfBuilt();
        _route = _route with { Enabled = false };
        return this;
    }

    /// <summary>Freezes the builder: it is used only inside its configure callback, so a later change would reach nothing.</summary>
    internal ArsRoute Build()
    {
        _built = true;
        return _route with
        {
            InBlocks = _in.ToEquatableArray(),
            OutBlocks = _out.ToEquatableArray(),
            Variables = _variables.ToEquatableArray(),
        };
    }

    private void ThrowIfBuilt()
    {
        if (_built)
        {
            throw new InvalidOperationException(
                "This route builder was used after its configure callback returned; the route is already built. Configure it inside the callback.");
        }
    }
}
