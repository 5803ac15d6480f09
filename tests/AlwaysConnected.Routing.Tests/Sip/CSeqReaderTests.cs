using System.Text;
using AlwaysConnected.Routing.Sip;
using FluentAssertions;
using Xunit;

namespace AlwaysConnected.Routing.Tests.Sip;

/// <summary>CSeq values around the number/method gap.</summary>
public class CSeqReaderTests
{
    [Theory]
    [InlineData("102 INVITE", 102u, SipMethod.Invite)]
    [InlineData("7\tACK", 7u, SipMethod.Ack)]
    [InlineData(" 4294967295  BYE ", 4294967295u, SipMethod.Bye)]
    [InlineData("0\r\n OPTIONS", 0u, SipMethod.Options)]
    public void Reads_number_and_method(string text, uint number, SipMethod method)
    {
        CSeqHeader.TryParse(Encoding.ASCII.GetBytes(text), out var cseq).Should().BeTrue();
        cseq.Number.Should().Be(number);
        cseq.Method.Should().Be(method);
    }

    [Theory]
    [InlineData("102")]
    [InlineData("102x INVITE")]
    [InlineData("4294967296 INVITE")]
    [InlineData("INVITE")]
    [InlineData(" INVITE 1")]
    [InlineData("1 IN<VITE")]
    public void Rejects_malformed_values(string text) =>
        CSeqHeader.TryParse(Encoding.ASCII.GetBytes(text), out _).Should().BeFalse();
}
