using System.Globalization;
using System.Net;
using static AlwaysConnected.Routing.Tests.DialPlan.Engine.DialPlanHarness;

namespace AlwaysConnected.Routing.Tests.DialPlan.Engine;

/// <summary>$addr*, $localhost, $timerange, $date, $time.</summary>
public class AddressAndTimeFunctionTests
{
    private static readonly IPEndPoint V6 = IPEndPoint.Parse("[2001:db8:1::7]:5070");

    [Theory]
    [InlineData("$addrPrefix(\"2001:db8::/32\")", "true")]
    [InlineData("$addrPrefix(\"2001:db8:1::/48\")", "true")]
    [InlineData("$addrPrefix(\"2001:db8:2::/48\")", "false")]
    [InlineData("$addrPrefix(\"::/0\")", "true")]
    [InlineData("$addrPrefix(\"2001:db8:1::7\")", "true")]
    [InlineData("$addrPrefix(\"10.0.0.0/8\")", "false")]
    [InlineData("$addrPrefix(\"2001:db8::/129\")", null)]
    [InlineData("$addrPrefix(\"not-an-address/8\")", null)]
    [InlineData("$addrType", "6")]
    [InlineData("$addr", "2001:db8:1::7")]
    [InlineData("$addrPort", "[2001:db8:1::7]:5070")]
    [InlineData("$port", "5070")]
    [InlineData("$addrRange(\"2001:db8:1::1\", \"2001:db8:1::ff\")", "true")]
    [InlineData("$addrRange(\"10.0.0.1\", \"10.0.0.255\")", "false")]
    [InlineData("$localhost", "false")]
    public void Address_functions_on_an_ipv6_source(string expression, string? expected)
    {
        ValueOf(expression, source: V6).Should().Be(expected);
    }

    [Theory]
    [InlineData("$addrPrefix(\"10.0.0.0/8\")", "true")]
    [InlineData("$addrPrefix(\"10.1.0.0/16\", \"10.2.3.4\")", "false")]
    [InlineData("$addrPrefix(\"10.0.0.0/8\", Contact)", "true")]
    [InlineData("$addr", "10.1.2.3")]
    [InlineData("$addrType", "4")]
    public void An_ipv4_mapped_source_is_treated_as_ipv4(string expression, string expected)
    {
        var request = Invite(("Contact", "<sip:alice@10.9.8.7:5062>"));
        ValueOf(expression, request, source: IPEndPoint.Parse("[::ffff:10.1.2.3]:5060")).Should().Be(expected);
    }

    [Theory]
    [InlineData("$globalAddr(\"8.8.8.8\")", "true")]
    [InlineData("$globalAddr(\"192.168.1.10\")", "false")]
    [InlineData("$globalAddr(\"100.64.0.1\")", "false")]
    [InlineData("$globalAddr(\"sip:bob@[fd00::1]:5060\")", "false")]
    [InlineData("$globalAddr(\"2001:4860::8888\")", "true")]
    [InlineData("$globalAddr(\"pbx.example.com\")", null)]
    [InlineData("$addrType(\"sip:bob@[2001:db8::1]\")", "6")]
    [InlineData("$addrType(Contact)", "4")]
    [InlineData("$localhost(\"sip:x@192.0.2.10:5060\")", "true")]
    [InlineData("$localhost(\"127.0.0.1:5060\")", "true")]
    [InlineData("$localhost(\"pbx.example.com\")", "false")]
    [InlineData("$localhost(\"LOCALHOST\")", "true")]
    public void Address_functions_with_an_argument(string expression, string? expected)
    {
        ValueOf(expression).Should().Be(expected);
    }

    [Fact]
    public void Outbound_is_true_unless_the_request_uri_names_this_server()
    {
        ValueOf("$outbound").Should().Be("true");
        var toUs = Support.TestRequest.Build("INVITE", "sip:1000@192.0.2.10:5060", []);
        ValueOf("$outbound", toUs).Should().Be("false");
    }

    private static Services.RoutingServices At(string utc, TimeZoneInfo? zone = null) =>
        DialPlanHarness.Services(DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture), zone);

    [Theory]
    [InlineData("2024-03-15T23:30:00Z", "true")]
    [InlineData("2024-03-15T02:00:00Z", "true")]
    [InlineData("2024-03-15T06:00:00Z", "true")]
    [InlineData("2024-03-15T06:00:01Z", "false")]
    [InlineData("2024-03-15T12:00:00Z", "false")]
    [InlineData("2024-03-15T21:59:59Z", "false")]
    [InlineData("2024-03-15T22:00:00Z", "true")]
    public void Timerange_over_midnight(string now, string expected)
    {
        ValueOf("$timerange(\"22:00\", \"6:00\")", services: At(now)).Should().Be(expected);
    }

    [Theory]
    // 16:30 UTC in July: 09:30 PDT (daylight saving applies to a zone name), 08:30 at fixed GMT-8.
    [InlineData("2024-07-01T16:30:00Z", "PST", "true")]
    [InlineData("2024-07-01T16:30:00Z", "GMT-8", "false")]
    [InlineData("2024-07-01T16:30:00Z", "GMT-7", "true")]
    // In January PST is UTC-8: 08:30.
    [InlineData("2024-01-15T16:30:00Z", "PST", "false")]
    [InlineData("2024-07-01T16:30:00Z", "America/Los_Angeles", "true")]
    [InlineData("2024-07-01T00:30:00Z", "JST", "true")]
    [InlineData("2024-07-01T17:30:00Z", "UTC", "false")]
    [InlineData("2024-07-01T16:30:00Z", "UTC", "true")]
    [InlineData("2024-07-01T16:30:00Z", "GMT+5:30", "false")]
    [InlineData("2024-07-01T04:00:00Z", "GMT+5:30", "true")]
    [InlineData("2024-07-01T03:00:00Z", "GMT+5:30", "false")]
    [InlineData("2024-07-01T20:30:00Z", "GMT-10", "true")]
    public void Timerange_with_a_zone(string now, string zone, string expected)
    {
        ValueOf($"$timerange(\"9:00\", \"17:00\", \"{zone}\")", services: At(now)).Should().Be(expected);
    }

    [Theory]
    [InlineData("$timerange(\"9:00\", \"17:00\", \"Mars/Olympus\")")]
    [InlineData("$timerange(\"9\", \"17:00\")")]
    [InlineData("$timerange(\"25:00\", \"17:00\")")]
    public void Timerange_with_bad_arguments_is_null(string expression)
    {
        ValueOf(expression, services: At("2024-07-01T12:00:00Z")).Should().BeNull();
    }

    [Fact]
    public void Date_and_time_are_in_the_services_zone_24_hour_zero_padded()
    {
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var services = At("2024-03-15T20:05:09Z", tokyo);
        ValueOf("$date", services: services).Should().Be("2024/03/16");
        ValueOf("$time", services: services).Should().Be("05:05:09");
        ValueOf("$time", services: At("2024-03-15T15:02:30Z")).Should().Be("15:02:30");
    }
}
