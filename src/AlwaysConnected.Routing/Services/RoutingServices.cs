namespace AlwaysConnected.Routing.Services;

/// <summary>
/// The host services the rules consult: registrar, alias directory, block list, session counters
/// and the clock. Each has an in-memory default; a host replaces the ones it keeps itself.
/// </summary>
public sealed class RoutingServices
{
    /// <summary>The registrar (<c>$registered</c>, <c>$regUri</c>, <c>To = sip:user@</c>).</summary>
    public ISipRegistrar Registrar { get; init; } = new InMemorySipRegistrar();

    /// <summary>The alias directory (<c>$alias.lookup</c>).</summary>
    public IAliasDirectory Aliases { get; init; } = new InMemoryAliasDirectory();

    /// <summary>The block list that <c>$action = block</c> adds to.</summary>
    public IBlockList BlockList { get; init; } = new InMemoryBlockList();

    /// <summary>Session counters (<c>$sessionnum</c>, <c>$route.*</c>).</summary>
    public ISessionCounters Sessions { get; init; } = new SessionCounters();

    /// <summary>The clock for <c>$date</c>, <c>$time</c>, <c>$timerange</c>.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The time zone the rules' local times are in (<c>$date</c>, <c>$time</c>).</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Local;

    /// <summary>The server's own addresses besides loopback (<c>$localhost</c>, <c>$outbound</c>).</summary>
    public IReadOnlyList<System.Net.IPAddress> LocalAddresses { get; init; } = [];

    /// <summary>The server's own host names (<c>$localhost(FQDN)</c>, <c>$outbound</c>).</summary>
    public IReadOnlyList<string> LocalHostNames { get; init; } = [];

    /// <summary>The same services with other local addresses (a configuration reload changed them).</summary>
    internal RoutingServices WithLocalAddresses(IReadOnlyList<System.Net.IPAddress> localAddresses) => new()
    {
        Registrar = Registrar,
        Aliases = Aliases,
        BlockList = BlockList,
        Sessions = Sessions,
        Time = Time,
        TimeZone = TimeZone,
        LocalAddresses = localAddresses,
        LocalHostNames = LocalHostNames,
    };
}
