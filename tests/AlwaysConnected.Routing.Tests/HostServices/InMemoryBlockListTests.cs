using System.Globalization;
using System.Net;
using AlwaysConnected.Routing.Services;
using Microsoft.Extensions.Time.Testing;

namespace AlwaysConnected.Routing.Tests.HostServices;

public class InMemoryBlockListTests
{
    private static readonly IPAddress Address = IPAddress.Parse("192.0.2.5");

    [Fact]
    public void An_entry_with_a_lifetime_is_blocked_until_it_passes()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2024-03-15T12:00:00Z", CultureInfo.InvariantCulture));
        var list = new InMemoryBlockList(clock);
        list.Block(Address, TimeSpan.FromMinutes(5));
        clock.Advance(TimeSpan.FromMinutes(4));
        list.IsBlocked(Address).Should().BeTrue();
        clock.Advance(TimeSpan.FromMinutes(1));
        list.IsBlocked(Address).Should().BeFalse();
        list.Count.Should().Be(0, "an expired entry is dropped when read");
    }

    [Fact]
    public void A_shorter_block_does_not_shorten_a_longer_one_and_the_default_lifetime_applies_to_plain_blocks()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2024-03-15T12:00:00Z", CultureInfo.InvariantCulture));
        var list = new InMemoryBlockList(clock, TimeSpan.FromMinutes(10));
        list.Block(Address);
        list.Block(Address, TimeSpan.FromMinutes(1));
        clock.Advance(TimeSpan.FromMinutes(9));
        list.IsBlocked(Address).Should().BeTrue();
        clock.Advance(TimeSpan.FromMinutes(1));
        list.IsBlocked(Address).Should().BeFalse();

        var forGood = new InMemoryBlockList(clock);
        forGood.Block(Address);
        clock.Advance(TimeSpan.FromDays(365));
        forGood.IsBlocked(Address).Should().BeTrue();
    }

    [Fact]
    public void A_lifetime_that_is_not_positive_is_refused()
    {
        FluentActions.Invoking(() => new InMemoryBlockList().Block(Address, TimeSpan.Zero)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new InMemoryBlockList(null, TimeSpan.FromSeconds(-1))).Should().Throw<ArgumentOutOfRangeException>();
    }
}
