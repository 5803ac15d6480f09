using System.Text;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Tests.Sip;

/// <summary><see cref="SipParameters"/> and <see cref="NextHopList"/> are their own enumerators: each foreach starts afresh.</summary>
public class SelfEnumeratingListTests
{
    [Fact]
    public void A_parameter_list_enumerates_in_full_each_time_even_after_being_advanced()
    {
        var parameters = new SipParameters(";transport=udp;lr;ttl=5"u8);
        parameters.MoveNext().Should().BeTrue();
        parameters.Current.Name.SequenceEqual("transport"u8).Should().BeTrue();

        Names(parameters).Should().Equal("transport", "lr", "ttl");
        Names(parameters).Should().Equal("transport", "lr", "ttl");
        parameters.TryGetValue("ttl"u8, out var ttl).Should().BeTrue();
        Encoding.ASCII.GetString(ttl).Should().Be("5");

        parameters.MoveNext().Should().BeTrue("the list's own position is its own");
        parameters.Current.Name.SequenceEqual("lr"u8).Should().BeTrue();
    }

    [Fact]
    public void An_empty_parameter_list_enumerates_nothing()
    {
        Names(new SipParameters(" "u8)).Should().BeEmpty();
        Names(new SipParameters(default)).Should().BeEmpty();
    }

    [Fact]
    public void A_next_hop_list_enumerates_in_full_each_time_and_counts_without_moving()
    {
        var hops = new NextHopList("10.0.0.1, <sip:a,b@10.0.0.2>, 10.0.0.3:5070"u8);
        hops.Count.Should().Be(3);
        hops.TryGet(2, out var third).Should().BeTrue();
        third.Port.Should().Be(5070);

        var hosts = new List<string>();
        foreach (var hop in hops)
        {
            hosts.Add(Encoding.ASCII.GetString(hop.Host));
        }

        hosts.Should().Equal("10.0.0.1", "10.0.0.2", "10.0.0.3");
        hops.Count.Should().Be(3, "enumerating a copy leaves the list where it was");
        new NextHopList("  "u8).Count.Should().Be(0);
    }

    private static List<string> Names(SipParameters parameters)
    {
        var names = new List<string>();
        foreach (var parameter in parameters)
        {
            names.Add(Encoding.ASCII.GetString(parameter.Name));
        }

        return names;
    }
}
