using System.Text;
using AlwaysConnected.Routing.Sip;
using FluentAssertions;
using Xunit;

namespace AlwaysConnected.Routing.Tests.Sip;

/// <summary>Via elements of the common shape, read by the single-pass reader, including its edge cases.</summary>
public class ViaSinglePassTests
{
    [Theory]
    [InlineData("SIP/2.0/UDP 198.51.100.23:5060;branch=z9hG4bK-1;rport", "UDP", "198.51.100.23", 5060, "z9hG4bK-1")]
    [InlineData("SIP/2.0/TCP host.example.com;BRANCH=first;branch=second", "TCP", "host.example.com", -1, "first")]
    [InlineData("sip/2.0/tls h:065535;rport;branch", "tls", "h", 65535, "")]
    [InlineData("SIP/2.0/UDP h:0", "UDP", "h", 0, "")]
    [InlineData("SIP/2.0/UDP h;branches=x;branch=y", "UDP", "h", -1, "y")]
    [InlineData("SIP/2.0/UDP h;branch=", "UDP", "h", -1, "")]
    public void Reads_the_common_shape(string text, string transport, string host, int port, string branch)
    {
        ViaHeader.TryParse(Encoding.ASCII.GetBytes(text), out var via).Should().BeTrue();
        Encoding.ASCII.GetString(via.Transport).Should().Be(transport);
        Encoding.ASCII.GetString(via.Host).Should().Be(host);
        via.Port.Should().Be(port);
        Encoding.ASCII.GetString(via.Branch).Should().Be(branch);
        Encoding.ASCII.GetString(via.ProtocolVersion).Should().Be("2.0");
    }

    [Theory]
    [InlineData("SIP/2.0/UDP h:65536")]
    [InlineData("SIP/2.0/UDP h:")]
    [InlineData("SIP/2.0/UDP h:50x")]
    [InlineData("SIP/2.0/UDP h;")]
    [InlineData("SIP/2.0/UDP h;;branch=x")]
    [InlineData("SIP/2.0/UDP h;=x")]
    [InlineData("SIP/2.0/UDP h;bra{nch=x")]
    [InlineData("SIP/2.0/UDP h;branch=\"x")]
    [InlineData("SIP/2.0/UDPh")]
    [InlineData("SIP/2.0/UDP")]
    [InlineData("SIP/2.0/ h")]
    [InlineData("SIP/2.0/UDP h x")]
    public void Rejects_malformed_elements(string text) =>
        ViaHeader.TryParse(Encoding.ASCII.GetBytes(text), out _).Should().BeFalse();

    [Theory]
    [InlineData("SIP / 2.0 / UDP h ; branch = x", "h", "x")]
    [InlineData("SIP/2.0/UDP  h:5060;branch=x", "h", "x")]
    [InlineData("SIP/2.0/UDP [2001:db8::1]:5060;branch=x", "[2001:db8::1]", "x")]
    [InlineData("SIP/2.0/UDP h;received=\"a;b\";branch=x", "h", "x")]
    public void Unusual_but_valid_elements_still_parse(string text, string host, string branch)
    {
        ViaHeader.TryParse(Encoding.ASCII.GetBytes(text), out var via).Should().BeTrue();
        Encoding.ASCII.GetString(via.Host).Should().Be(host);
        Encoding.ASCII.GetString(via.Branch).Should().Be(branch);
    }
}
