using System.Globalization;
using System.Net;
using AlwaysConnected.Routing.Services;
using Microsoft.Extensions.Time.Testing;

namespace AlwaysConnected.Routing.Tests.HostServices;

/// <summary>The in-memory services as a host gets them: through <see cref="RoutingServices"/> and the interfaces only.</summary>
public class InMemoryServicesTests
{
    private static FakeTimeProvider Clock() => new(DateTimeOffset.Parse("2024-03-15T12:00:00Z", CultureInfo.InvariantCulture));

    [Fact]
    public void A_registration_with_an_expiry_lapses_and_one_without_stays_until_unregistered()
    {
        var clock = Clock();
        var registrar = RoutingServices.CreateInMemoryRegistrar(clock);
        registrar.Register("1000", "sip:1000@192.0.2.10").Should().BeTrue();
        registrar.Register("1001", "sip:1001@192.0.2.11", TimeSpan.FromSeconds(60)).Should().BeTrue();

        clock.Advance(TimeSpan.FromSeconds(59));
        registrar.GetContact("1001").Should().Be("sip:1001@192.0.2.11");
        clock.Advance(TimeSpan.FromSeconds(1));
        registrar.GetContact("1001").Should().BeNull("the registration expired");
        registrar.Unregister("1001").Should().BeFalse("an expired registration is gone");

        clock.Advance(TimeSpan.FromDays(365));
        registrar.GetContact("1000").Should().Be("sip:1000@192.0.2.10");
        registrar.Unregister("1000").Should().BeTrue();
        registrar.GetContact("1000").Should().BeNull();
        registrar.Unregister("1000").Should().BeFalse();
    }

    [Fact]
    public void A_refreshed_registration_takes_its_new_expiry_and_contact()
    {
        var clock = Clock();
        var registrar = RoutingServices.CreateInMemoryRegistrar(clock);
        registrar.Register("1000", "sip:1000@192.0.2.10", TimeSpan.FromSeconds(30));
        clock.Advance(TimeSpan.FromSeconds(20));
        registrar.Register("1000", "sip:1000@192.0.2.20", TimeSpan.FromSeconds(30));
        clock.Advance(TimeSpan.FromSeconds(20));
        registrar.GetContact("1000").Should().Be("sip:1000@192.0.2.20");
    }

    [Fact]
    public void Bad_registrations_are_refused_naming_the_argument()
    {
        var registrar = RoutingServices.CreateInMemoryRegistrar();
        FluentActions.Invoking(() => registrar.Register("", "sip:a@b")).Should().Throw<ArgumentException>().WithParameterName("user");
        FluentActions.Invoking(() => registrar.Register("1000", "")).Should().Throw<ArgumentException>().WithParameterName("contactUri");
        FluentActions.Invoking(() => registrar.Register("1000", "sip:a@b", TimeSpan.Zero)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("expires");
    }

    [Fact]
    public void An_alias_is_set_and_removed_per_group()
    {
        var aliases = RoutingServices.CreateInMemoryAliasDirectory();
        aliases.Set("sales", "sip:200@pbx.example.com").Should().BeTrue();
        aliases.Set("sales", "sip:300@tokyo.example.com", "jp").Should().BeTrue();

        aliases.Remove("sales", "jp").Should().BeTrue();
        aliases.Lookup("sales", "jp").Should().BeNull();
        aliases.Lookup("sales", "").Should().Be("sip:200@pbx.example.com");
        aliases.Remove("sales", "jp").Should().BeFalse();
        aliases.Remove("sales").Should().BeTrue();
        aliases.Lookup("sales", "").Should().BeNull();
    }

    [Fact]
    public void An_address_is_unblocked_through_the_interface()
    {
        var list = RoutingServices.CreateInMemoryBlockList(Clock(), TimeSpan.FromMinutes(10));
        var address = IPAddress.Parse("192.0.2.5");
        list.Block(address);
        list.IsBlocked(address).Should().BeTrue();
        list.Unblock(address).Should().BeTrue();
        list.IsBlocked(address).Should().BeFalse();
        list.Unblock(address).Should().BeFalse();
    }

    [Fact]
    public void A_session_lease_from_the_interface_ends_its_session_once()
    {
        var sessions = RoutingServices.CreateInMemorySessionCounters(Clock());
        var lease = sessions.Start("gw1");
        using var other = sessions.Start("gw1");
        sessions.GetConcurrent("gw1").Should().Be(2);
        lease.Dispose();
        lease.Dispose();
        sessions.GetConcurrent("gw1").Should().Be(1, "a second Dispose releases nothing");
        sessions.Concurrent.Should().Be(1);
    }

    [Fact]
    public void The_default_services_are_the_in_memory_ones_and_take_the_hosts_writes()
    {
        var services = new RoutingServices();
        services.Registrar.Register("1000", "sip:1000@192.0.2.10");
        services.Aliases.Set("sales", "sip:200@pbx.example.com");
        services.Registrar.GetContact("1000").Should().Be("sip:1000@192.0.2.10");
        services.Aliases.Lookup("sales", "").Should().Be("sip:200@pbx.example.com");
    }
}
