using System.Buffers;
using System.Text;
using AlwaysConnected.Routing.Ars.Text;
using AlwaysConnected.Routing.Presets;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Sip.Writing;
using AlwaysConnected.Routing.Tests.Support;

namespace AlwaysConnected.Routing.Tests.Hardening;

/// <summary>Inputs the fuzz targets (tests/AlwaysConnected.Routing.Fuzz) found failing, reduced to their cause.</summary>
public class FuzzFindingTests
{
    [Theory]
    [InlineData("[Template t]\n&a18446744073709551616: gw\n[Row 1]\n&v1: 1\n")]
    [InlineData("[Template t]\n&v1: gw\n[Row 1]\n&v1: 1\0x\n")]
    [InlineData("[Route r]\nPatterns - OUT\n[Matching Patterns]\nPlugin 1: sipheader\nParam 1: X-\0A\nReturn 1: ^pin$\n")]
    [InlineData("[Route r]\nPatterns - OUT\n[Matching Patterns]\nPlugin 1: sipheader\nParam 1: X-A\nReturn 1: ^p\0in$\n")]
    public void Ars_text_with_a_malformed_variable_is_refused_with_a_located_diagnostic(string text)
    {
        bool ok = true;
        IReadOnlyList<RoutingDiagnostic> diagnostics = [];
        var act = () => ok = ArsTextReader.TryParse(text, out _, out diagnostics);

        act.Should().NotThrow();
        ok.Should().BeFalse();
        diagnostics.Should().NotBeEmpty();
    }

    [Fact]
    public void A_stream_message_waiting_for_its_body_can_be_inspected_without_throwing()
    {
        var data = Encoding.ASCII.GetBytes("INVITE sip:a@example.com SIP/2.0\r\nCall-ID: x\r\nContent-Length: 9999\r\n\r\nv=0\r\n");
        var index = new SipMessageIndex();

        SipParser.TryParseStream(new ReadOnlySequence<byte>(data), index, out var message, out _).Should().Be(OperationStatus.NeedMoreData);
        int length = -1;
        var act = () => length = ReadStartLineLength(data, index);

        act.Should().NotThrow();
        length.Should().BeGreaterThanOrEqualTo(0);
        _ = message.HeaderCount;
    }

    private static int ReadStartLineLength(byte[] data, SipMessageIndex index)
    {
        SipParser.TryParseStream(new ReadOnlySequence<byte>(data), index, out var message, out _);
        return message.StartLine.Length;
    }

    [Theory]
    [InlineData("09\u0002123")]
    [InlineData("09\u00ea123")]
    [InlineData("09 SIP/2.0")]
    public void A_captured_value_that_cannot_be_a_request_uri_is_refused_not_written(string user)
    {
        var router = new SipRouterBuilder()
            .UseAlwaysConnected(o =>
            {
                o.ItspDomain = "itsp.example.net";
                o.Account = "0312345678";
            })
            .Build();
        var bytes = Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(SeedMessages.MediaServerInvite()).Replace("<sip:09012345678@127.0.0.1:5060>", $"<sip:{user}@127.0.0.1:5060>", StringComparison.Ordinal));
        var index = new SipMessageIndex();
        SipParser.TryParseDatagram(bytes, index, out var message).Should().Be(OperationStatus.Done);
        var decision = new RoutingDecision();

        router.Route(message, SeedMessages.FromMediaServer, decision);
        var output = new ArrayBufferWriter<byte>();
        bool written = SipRequestWriter.TryWrite(message, decision, output, out var error);

        if (written)
        {
            SipParser.TryParseDatagram(output.WrittenSpan, new SipMessageIndex(), out _).Should().Be(OperationStatus.Done, "what the router writes must parse");
        }
        else
        {
            error.Should().NotBe(RoutingErrorCode.None);
        }
    }

    [Fact]
    public void An_added_header_on_a_request_without_headers_starts_on_its_own_line()
    {
        var input = "HNVITE sip:ucom SIP/2.2\r\n\r\nv\0\u0001"u8.ToArray();
        var index = new SipMessageIndex();
        SipParser.TryParseDatagram(input, index, out var message).Should().Be(OperationStatus.Done);
        // Validation would refuse this request before the writer sees it; the writer must still cope with
        // what a host that validates on its own (ValidateRequests off) routes.
        var router = new SipRouterBuilder().AddDialPlanText("[Rule x]\n[Matching Patterns]\n$request = .\n[Deploy Patterns]\nX-A = 1\n")
            .WithOptions(new SipRouterOptions { ValidateRequests = false }).Build();
        var decision = new RoutingDecision();
        router.Route(message, SeedMessages.FromMediaServer, decision);
        var output = new ArrayBufferWriter<byte>();

        SipRequestWriter.TryWrite(message, decision, output, out _).Should().BeTrue();

        var again = new SipMessageIndex();
        SipParser.TryParseDatagram(output.WrittenSpan, again, out var written).Should().Be(OperationStatus.Done, again.Error.ToString());
        written.StartLine.SequenceEqual(message.StartLine).Should().BeTrue();
        Encoding.ASCII.GetString(written.GetFirstValue(SipHeaderId.Extension)).Should().Be("1");
    }
}
