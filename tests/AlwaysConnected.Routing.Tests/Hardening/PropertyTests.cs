using System.Buffers;
using System.Net;
using System.Text;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Sip.Writing;

namespace AlwaysConnected.Routing.Tests.Hardening;

/// <summary>Properties checked over many seeded, generated requests.</summary>
public class PropertyTests
{
    private const int Cases = 500;

    [Fact]
    public void Writing_a_request_without_edits_reproduces_its_bytes()
    {
        var generator = new RequestGenerator(seed: 8);
        var index = new SipMessageIndex();
        var decision = new RoutingDecision();
        decision.Reset();
        var output = new ArrayBufferWriter<byte>();
        for (int i = 0; i < Cases; i++)
        {
            var bytes = generator.Next();
            SipParser.TryParseDatagram(bytes, index, out var message).Should().Be(OperationStatus.Done, Encoding.UTF8.GetString(bytes));
            output.ResetWrittenCount();

            SipRequestWriter.TryWrite(message, decision, output, out var error).Should().BeTrue(error.ToString());

            output.WrittenSpan.ToArray().Should().Equal(bytes, "case {0}:\n{1}", i, Encoding.UTF8.GetString(bytes));
        }
    }

    [Fact]
    public void Stream_parsing_equals_datagram_parsing_for_any_segmentation()
    {
        var generator = new RequestGenerator(seed: 3261);
        var random = new Random(3261);
        var datagramIndex = new SipMessageIndex();
        var streamIndex = new SipMessageIndex();
        for (int i = 0; i < Cases / 5; i++)
        {
            var messages = Enumerable.Range(0, 3).Select(_ => generator.Next()).ToArray();
            byte[] stream = [.. "\r\n"u8, .. messages[0], .. messages[1], .. "\r\n\r\n"u8, .. messages[2]];
            for (int trial = 0; trial < 10; trial++)
            {
                var cuts = Enumerable.Range(0, random.Next(1, 12)).Select(_ => random.Next(1, stream.Length)).Distinct().Order().ToArray();
                var sequence = Segmented(stream, cuts);
                foreach (var expected in messages)
                {
                    SipParser.TryParseDatagram(expected, datagramIndex, out var datagram).Should().Be(OperationStatus.Done);
                    var status = SipParser.TryParseStream(sequence, streamIndex, out var parsed, out var consumed);

                    status.Should().Be(OperationStatus.Done, "cuts {0}", string.Join(",", cuts));
                    parsed.Span.ToArray().Should().Equal(expected);
                    parsed.HeaderCount.Should().Be(datagram.HeaderCount);
                    parsed.Body.ToArray().Should().Equal(datagram.Body.ToArray());
                    for (int h = 0; h < datagram.HeaderCount; h++)
                    {
                        parsed.GetValue(parsed.GetHeader(h)).ToArray().Should().Equal(datagram.GetValue(datagram.GetHeader(h)).ToArray());
                    }

                    sequence = sequence.Slice(consumed);
                }

                SipParser.TryParseStream(sequence, streamIndex, out _, out _).Should().Be(OperationStatus.NeedMoreData, "only keep-alives are left");
            }
        }
    }

    [Fact]
    public void Values_copied_from_the_wire_never_put_CR_LF_or_NUL_into_the_output()
    {
        var router = new SipRouterBuilder().AddDialPlanText("""
            [Rule copy]
            [Matching Patterns]
            $request = .
            X-Evil = (.*)
            $getDisplayName(From) = (.*)
            [Deploy Patterns]
            X-Copy = %1
            X-Display = %2
            Subject = %{$getDisplayName(From)} / %{$param(X-Evil, "p")}
            To = sip:%{$getSIPuser(From)}@gw.example.net
            $target = %{$param(X-Evil, "host")}
            """).Build();
        string[] hostile =
        [
            "a\r\nX-Injected: 1", "a\nX-Injected: 1", "a\rX-Injected: 1", "a\0b", "\"\\\r\\\n\\\0\"", "%0D%0AX-Injected: 1",
            "x;p=\"a\\\0b\";host=evil\0.example", "x;p=\"q\\\r\\\nX-Injected: 1\"",
        ];
        var random = new Random(4475);
        var index = new SipMessageIndex();
        var decision = new RoutingDecision();
        var output = new ArrayBufferWriter<byte>();
        int refused = 0;
        for (int i = 0; i < Cases; i++)
        {
            string evil = hostile[random.Next(hostile.Length)] + new string('a', random.Next(4));
            string display = hostile[random.Next(hostile.Length)].Replace("\"", string.Empty, StringComparison.Ordinal);

            // Raw line breaks end the header line, so the wire can only carry them as quoted-pairs, folding or
            // NUL; the request text is built with every form and the parser decides what survives.
            var bytes = Encoding.UTF8.GetBytes(
                "INVITE sip:1000@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n" +
                $"From: \"{display.Replace("\r", "\\\r", StringComparison.Ordinal).Replace("\n", "\\\n", StringComparison.Ordinal)}\" <sip:2000@example.com>;tag=1\r\n" +
                $"To: <sip:1000@example.com>\r\nX-Evil: {evil.Replace("\r\n", "\r\n ", StringComparison.Ordinal)}\r\n" +
                "Call-ID: c@x\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
            if (SipParser.TryParseDatagram(bytes, index, out var message) != OperationStatus.Done)
            {
                continue;
            }

            decision.Reset();
            router.Route(message, new RoutingContext(new IPEndPoint(IPAddress.Parse("203.0.113.5"), 5060)), decision);
            output.ResetWrittenCount();
            if (decision.Outcome == RoutingOutcome.Error)
            {
                decision.ErrorCode.Should().Be(RoutingErrorCode.InjectedLineBreak);
                SipRequestWriter.TryWrite(message, decision, output, out _).Should().BeFalse();
                refused++;
                continue;
            }

            NoLineBreakOrNul(decision.RequestUri).Should().BeTrue();
            NoLineBreakOrNul(decision.Target).Should().BeTrue();
            for (int e = 0; e < decision.HeaderEditCount; e++)
            {
                NoLineBreakOrNul(decision.GetHeaderEdit(e).Value).Should().BeTrue();
            }

            if (SipRequestWriter.TryWrite(message, decision, output, out _))
            {
                SipParser.TryParseDatagram(output.WrittenSpan, new SipMessageIndex(), out var written).Should().Be(OperationStatus.Done);
                written.TryGetHeader("X-Injected"u8, out _).Should().BeFalse();
                written.HeaderCount.Should().BeLessThanOrEqualTo(message.HeaderCount + 4);
            }
        }

        refused.Should().BeGreaterThan(0, "some hostile values (a NUL) reach a deploy value and must be refused");
    }

    private static bool NoLineBreakOrNul(ReadOnlySpan<byte> value) => value.IndexOfAny((byte)'\r', (byte)'\n', (byte)0) < 0;

    private static ReadOnlySequence<byte> Segmented(byte[] data, int[] cuts)
    {
        var pieces = new List<byte[]>();
        int start = 0;
        foreach (int cut in cuts)
        {
            pieces.Add(data[start..cut]);
            start = cut;
        }

        pieces.Add(data[start..]);
        return Sip.SipTestData.Segments([.. pieces]);
    }
}
