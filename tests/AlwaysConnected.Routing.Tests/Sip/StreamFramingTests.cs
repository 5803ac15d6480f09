using System.Buffers;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Tests.Sip;

/// <summary>A message split anywhere, in any number of segments, parses the same as the datagram.</summary>
public class StreamFramingTests
{
    private static string Snapshot(SipMessage message)
    {
        var parts = new List<string>
        {
            SipTestData.Text(message.StartLine),
            message.Method.ToString(),
            SipTestData.Text(message.RequestUri),
            SipTestData.Text(message.Body),
        };
        for (int i = 0; i < message.HeaderCount; i++)
        {
            var h = message.GetHeader(i);
            parts.Add($"{h.Id}|{SipTestData.Text(message.GetName(h))}|{SipTestData.Text(message.GetValue(h))}|{h.LineRange}|{h.ValueRange}");
        }

        return string.Join("\n", parts);
    }

    [Fact]
    public void Two_segments_at_every_offset_parse_like_the_datagram()
    {
        var data = SipTestData.TypicalInvite();
        var index = new SipMessageIndex();
        SipParser.TryParseDatagram(data, index, out var reference).Should().Be(OperationStatus.Done);
        string expected = Snapshot(reference);
        reference.HeaderCount.Should().Be(13);

        for (int split = 0; split <= data.Length; split++)
        {
            var input = SipTestData.Segments(data[..split], data[split..]);
            SipParser.TryParseStream(input, index, out var message, out var consumed).Should().Be(OperationStatus.Done, because: $"split at {split}");
            Snapshot(message).Should().Be(expected, because: $"split at {split}");
            input.Slice(consumed).Length.Should().Be(0);
        }
    }

    [Fact]
    public void One_segment_per_byte_with_empty_segments_parses_like_the_datagram()
    {
        var data = SipTestData.Rfc4475("wsinv");
        var index = new SipMessageIndex();
        SipParser.TryParseDatagram(data, index, out var reference).Should().Be(OperationStatus.Done);
        string expected = Snapshot(reference);

        var pieces = new List<byte[]>();
        foreach (byte b in data)
        {
            pieces.Add([]);
            pieces.Add([b]);
        }

        pieces.Add([]);
        SipParser.TryParseStream(SipTestData.Segments([.. pieces]), index, out var message, out _).Should().Be(OperationStatus.Done);
        Snapshot(message).Should().Be(expected);
    }

    [Fact]
    public void Typical_invite_one_byte_per_segment_parses_like_the_datagram()
    {
        var data = SipTestData.TypicalInvite();
        var index = new SipMessageIndex();
        SipParser.TryParseDatagram(data, index, out var reference).Should().Be(OperationStatus.Done);
        string expected = Snapshot(reference);

        var pieces = data.SelectMany(b => new[] { Array.Empty<byte>(), new[] { b } }).ToArray();
        SipParser.TryParseStream(SipTestData.Segments(pieces), index, out var message, out _).Should().Be(OperationStatus.Done);
        Snapshot(message).Should().Be(expected);
    }

    [Fact]
    public void Every_proper_prefix_needs_more_data_and_consumes_nothing()
    {
        var data = SipTestData.TypicalInvite();
        var index = new SipMessageIndex();
        for (int length = 0; length < data.Length; length++)
        {
            var single = new ReadOnlySequence<byte>(data, 0, length);
            SipParser.TryParseStream(single, index, out _, out var consumed).Should().Be(OperationStatus.NeedMoreData, because: $"prefix {length}");
            consumed.Should().Be(single.Start);

            int half = length / 2;
            var split = SipTestData.Segments(data[..half], data[half..length]);
            SipParser.TryParseStream(split, index, out _, out _).Should().Be(OperationStatus.NeedMoreData, because: $"split prefix {length}");
        }
    }

    [Fact]
    public void Leading_keepalive_crlfs_are_skipped()
    {
        var data = "\r\n\r\n"u8.ToArray().Concat(SipTestData.TypicalInvite()).ToArray();
        var index = new SipMessageIndex();
        var input = SipTestData.Segments(data[..3], data[3..]);
        SipParser.TryParseStream(input, index, out var message, out var consumed).Should().Be(OperationStatus.Done);
        message.Method.Should().Be(SipMethod.Invite);
        input.Slice(consumed).Length.Should().Be(0);
    }

    [Fact]
    public void A_message_error_with_intact_framing_consumes_the_message_so_the_stream_can_go_on()
    {
        var bad = "OPTIONS sip:a@b SIP/2.0\r\nCSeq: x OPTIONS\r\nContent-Length: 0\r\n\r\n"u8.ToArray();
        var good = SipTestData.TypicalInvite();
        var input = SipTestData.Segments(bad, good);
        var index = new SipMessageIndex();

        SipParser.TryParseStream(input, index, out _, out var consumed).Should().Be(OperationStatus.InvalidData);
        index.Error.Code.Should().Be(SipParseErrorCode.InvalidCSeq);
        SipParser.TryParseStream(input.Slice(consumed), index, out var next, out _).Should().Be(OperationStatus.Done);
        next.Method.Should().Be(SipMethod.Invite);
    }
}
