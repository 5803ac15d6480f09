using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Tests.Support;

namespace AlwaysConnected.Routing.Tests.Sip;

/// <summary>Parsing and reading the fields a router needs allocates nothing once the index is warm.</summary>
public class AllocationTests
{
    private static int ReadRouterFields(SipMessage message)
    {
        int checksum = (int)message.Method;
        SipUri.TryParse(message.RequestUri, out var ruri);
        checksum += ruri.User.Length + ruri.Host.Length;
        NameAddress.TryParse(message.GetFirstValue(SipHeaderId.From), out var from);
        from.TryGetUri(out var fromUri);
        checksum += fromUri.User.Length;
        NameAddress.TryParse(message.GetFirstValue(SipHeaderId.To), out var to);
        to.TryGetUri(out var toUri);
        checksum += toUri.Host.Length;
        message.TryGetValue(SipHeaderId.Via, 0, out var topVia);
        ViaHeader.TryParse(topVia, out var via);
        checksum += via.Branch.Length;
        CSeqHeader.TryParse(message.GetFirstValue(SipHeaderId.CSeq), out var cseq);
        checksum += (int)cseq.Number;
        checksum += message.GetFirstValue(SipHeaderId.CallId).Length;
        message.TryGetHeader("X-PBX-Param"u8, out var x);
        checksum += message.GetValue(x).Length;
        return checksum;
    }

    [Theory]
    [InlineData("typical-invite.sip")]
    [InlineData("rfc4475/wsinv.sip")]
    [InlineData("rfc4475/longreq.sip")]
    public void Datagram_parse_and_field_reads_allocate_nothing_after_warm_up(string file)
    {
        var data = SipTestData.Load(file);
        var index = new SipMessageIndex();
        var sum = 0;
        var allocated = SteadyStateAllocations.Measure(
            () =>
            {
                SipParser.TryParseDatagram(data, index, out var message);
                sum += ReadRouterFields(message);
                SipMessageValidator.TryValidate(message, out _);
            },
            iterations: 100);
        allocated.Should().Be(0);
        sum.Should().BeGreaterThan(0);
    }

    [Fact]
    public void Multi_segment_stream_parse_allocates_nothing_after_warm_up()
    {
        var data = SipTestData.TypicalInvite();
        var input = SipTestData.Segments(data[..100], data[100..500], data[500..]);
        var index = new SipMessageIndex();
        var allocated = SteadyStateAllocations.Measure(
            () =>
            {
                SipParser.TryParseStream(input, index, out var message, out _);
                ReadRouterFields(message);
            },
            iterations: 100);
        allocated.Should().Be(0);
    }
}
