using static AlwaysConnected.Routing.Tests.DialPlan.Engine.DialPlanHarness;

namespace AlwaysConnected.Routing.Tests.DialPlan.Engine;

/// <summary>$geturi, $getSIPuser, $getDisplayName, $param, $uriParam, $headerParam on ordinary and odd values.</summary>
public class UriFunctionTests
{
    [Theory]
    [InlineData("\"Bob\" <sip:1000@pbx.example.com:5070;user=phone>;tag=x", "sip:1000@pbx.example.com:5070;user=phone")]
    [InlineData("Bob Schulz<sip:1000@pbx>", "sip:1000@pbx")]
    [InlineData("\"a <b>, c\" <sip:x@y>", "sip:x@y")]
    [InlineData("sip:1000@pbx.example.com;tag=x", "sip:1000@pbx.example.com")]
    [InlineData("<sips:[2001:db8::1]:5061;transport=tls?subject=x>", "sips:[2001:db8::1]:5061;transport=tls?subject=x")]
    [InlineData("<tel:+4930555012345>", "tel:+4930555012345")]
    public void Geturi_gives_the_addr_spec_without_display_name_brackets_or_header_parameters(string to, string expected)
    {
        ValueOf("$geturi(To)", Invite(("To", to))).Should().Be(expected);
    }

    [Fact]
    public void Geturi_of_an_absent_header_is_null_and_the_name_is_case_insensitive()
    {
        ValueOf("$geturi(P-Asserted-Identity)").Should().BeNull();
        ValueOf("$getUri(to)").Should().Be("sip:1000@pbx.example.com:5070;user=phone");
    }

    [Theory]
    [InlineData("\"Alice\" <sip:alice@example.com>;tag=1", "alice")]
    [InlineData("<sip:+81312345678;npdi@example.com;user=phone>", "+81312345678;npdi")]
    [InlineData("<sip:example.com>", null)]
    // A decision: a tel URI's subscriber number counts as its user part (the dialled number rules look for).
    [InlineData("<tel:+4930555012345>", "+4930555012345")]
    [InlineData("garbage", null)]
    public void GetSIPuser_gives_the_user_part_or_null(string from, string? expected)
    {
        ValueOf("$getSIPuser(From)", Invite(("From", from))).Should().Be(expected);
    }

    [Theory]
    [InlineData("\"Alice Meyer\" <sip:alice@example.com>;tag=1", "Alice Meyer")]
    [InlineData("Alice  Meyer <sip:alice@example.com>", "Alice  Meyer")]
    [InlineData("<sip:alice@example.com>", null)]
    [InlineData("sip:alice@example.com", null)]
    [InlineData("\"\" <sip:alice@example.com>", null)]
    public void GetDisplayName_gives_the_display_name_without_quotes_or_null(string from, string? expected)
    {
        ValueOf("$getDisplayName(From)", Invite(("From", from))).Should().Be(expected);
    }

    [Theory]
    [InlineData("$param(Via, \"branch\")", "z9hG4bK-test-1")]
    [InlineData("$param(From, \"tag\")", "a1")]
    [InlineData("$param(From, \"transport\")", "tcp")]
    [InlineData("$param(From, \"TAG\")", "a1")]
    [InlineData("$param(\"x;a=1;b= 2 ;c\", \"b\")", "2")]
    [InlineData("$param(\"x;a=1;flag;c=3\", \"flag\")", "")]
    [InlineData("$param(\"x;a=\\\"q;uoted\\\";b=2\", \"b\")", "2")]
    [InlineData("$param(From, \"missing\")", null)]
    [InlineData("$param(Absent-Header, \"tag\")", null)]
    [InlineData("$uriParam(To, \"user\")", "phone")]
    [InlineData("$uriParam(From, \"transport\")", "tcp")]
    [InlineData("$uriParam(From, \"tag\")", null)]
    [InlineData("$headerParam(From, \"tag\")", "a1")]
    [InlineData("$headerParam(From, \"transport\")", null)]
    [InlineData("$headerParam(To, \"user\")", null)]
    public void Parameter_functions_find_the_right_parameter(string expression, string? expected)
    {
        ValueOf(expression).Should().Be(expected);
    }

    [Fact]
    public void Without_angle_brackets_every_parameter_is_a_header_parameter()
    {
        var request = Invite(("From", "sip:alice@example.com;tag=77"));
        ValueOf("$headerParam(From, \"tag\")", request).Should().Be("77");
        ValueOf("$uriParam(From, \"tag\")", request).Should().BeNull();
    }
}
