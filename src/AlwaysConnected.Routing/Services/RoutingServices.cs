namespace AlwaysConnected.Routing.Services;

/// <summary>
/// The host services the rules consult: registrar, alias directory, block list, session counters
/// and the clock. Each has an in-memory default; a host replaces the ones it keeps itself.
/// </summary>
/// <remarks>
/// The <c>CreateInMemory…</c> factories return standalone in-memory services, for a host or a package that
/// keeps a local copy beside its own store (the Redis package's fallback while Redis is away) or wires
/// services by hand.
/// </remarks>
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

    /// <summary>Creates an in-memory registrar (thread-safe, one process).</summary>
    /// <param name="timeProvider">The clock registrations expire on; the system clock when null.</param>
    /// <returns>An empty registrar.</returns>
    public static ISipRegistrar CreateInMemoryRegistrar(TimeProvider? timeProvider = null) => new InMemorySipRegistrar(timeProvider);

    /// <summary>Creates an in-memory alias directory (thread-safe, one process).</summary>
    /// <returns>An empty directory.</returns>
    public static IAliasDirectory CreateInMemoryAliasDirectory() => new InMemoryAliasDirectory();

    /// <summary>Creates an in-memory block list (thread-safe, one process). An expired entry is dropped when next read; no timer runs.</summary>
    /// <param name="timeProvider">The clock entry lifetimes are measured on; the system clock when null.</param>
    /// <param name="defaultLifetime">The lifetime of an entry added without one; null keeps it for good.</param>
    /// <returns>An empty list.</returns>
    public static IBlockList CreateInMemoryBlockList(TimeProvider? timeProvider = null, TimeSpan? defaultLifetime = null) =>
        new InMemoryBlockList(timeProvider, defaultLifetime);

    /// <summary>Creates in-memory session counters (thread-safe, one process); a lease releases its count once however often it is disposed.</summary>
    /// <param name="timeProvider">The clock for sessions-per-second; the system clock when null.</param>
    /// <returns>Counters at zero.</returns>
    public static ISessionCounters CreateInMemorySessionCounters(TimeProvider? timeProvider = null) => new SessionCounters(timeProvider);

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
