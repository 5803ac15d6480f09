using System.Text;
using AlwaysConnected.Routing.Sip;
using FluentAssertions;
using Xunit;

namespace AlwaysConnected.Routing.Tests.Sip;

/// <summary>name-addr values of the common shapes, read by the single-pass reader, and their neighbours it hands on.</summary>
public class NameAddressSinglePassTests
{
    [Theory]
    [InlineData("\"Alice Meyer\" <sip:alice@example.com>;tag=a73k", "Alice Meyer", true, "sip:alice@example.com", ";tag=a73k")]
    [InlineData("\"A \\\" <b>\"<sip:a@b>", "A \\\" <b>", true, "sip:a@b", "")]
    [InlineData("<sip:a@b;lr>;tag=1;x", "", false, "sip:a@b;lr", ";tag=1;x")]
    [InlineData("\"\" <tel:+49>", "", true, "tel:+49", "")]
    [InlineData("Bob <sip:b@h>;tag=2", "Bob", false, "sip:b@h", ";tag=2")]
    [InlineData("\"A\"  < sip:a@b > ; tag = 1", "A", true, "sip:a@b", "; tag = 1")]
    [InlineData("<sip:a@b>;tag=\"x;y\"", "", false, "sip:a@b", ";tag=\"x;y\"")]
    public void Reads_the_parts(string text, string display, bool quoted, string addrSpec, string parameters)
    {
        NameAddress.TryParse(Encoding.ASCII.GetBytes(text), out var address).Should().BeTrue();
        Encoding.ASCII.GetString(address.DisplayName).Should().Be(display);
        address.IsDisplayNameQuoted.Should().Be(quoted);
        Encoding.ASCII.GetString(address.AddrSpec).Should().Be(addrSpec);
        address.HasAngleBrackets.Should().BeTrue();
        Encoding.ASCII.GetString(address.ParametersText).Should().Be(parameters);
    }

    [Theory]
    [InlineData("<>")]
    [InlineData("<sip:a@b")]
    [InlineData("<sip:a<b>")]
    [InlineData("<sip:a b>")]
    [InlineData("<sip:a@b>;")]
    [InlineData("<sip:a@b>;;tag=1")]
    [InlineData("<sip:a@b>tag=1")]
    [InlineData("\"unterminated <sip:a@b>")]
    [InlineData("\"A\"x<sip:a@b>")]
    [InlineData("<sip:a@b>;tag=\"x")]
    public void Rejects_malformed_values(string text) =>
        NameAddress.TryParse(Encoding.ASCII.GetBytes(text), out _).Should().BeFalse();
}
