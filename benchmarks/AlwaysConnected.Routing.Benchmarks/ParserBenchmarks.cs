using System.Buffers;
using AlwaysConnected.Routing.Sip;
using BenchmarkDotNet.Attributes;

namespace AlwaysConnected.Routing.Benchmarks;

/// <summary>
/// Parse a message and read the fields a router needs; datagram (one segment) and 3-segment stream
/// framing. Messages: a typical INVITE, a REGISTER, a 200 OK to an INVITE, and RFC 4475's 3.5 KB
/// <c>longreq</c> with 34 Via header fields.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory(Categories.HotPath)]
public class ParserBenchmarks
{
    private byte[] _data = [];
    private ReadOnlySequence<byte> _segmented;
    private readonly SipMessageIndex _index = new();

    [Params("typical-invite", "register", "ok-200", "longreq")]
    public string Message { get; set; } = "typical-invite";

    [GlobalSetup]
    public void Setup()
    {
        _data = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", Message + ".sip"));
        if (SipParser.TryParseDatagram(_data, _index, out _) != OperationStatus.Done)
        {
            throw new InvalidOperationException($"{Message}.sip does not parse.");
        }

        // Segment boundaries fall inside the start line and inside a header, the stream parser's hard cases.
        var first = Math.Min(20, _data.Length / 4);
        var second = _data.Length * 2 / 3;
        _segmented = Segment.Build(_data[..first], _data[first..second], _data[second..]);
    }

    [Benchmark(Baseline = true)]
    public int ParseDatagramOnly()
    {
        SipParser.TryParseDatagram(_data, _index, out var message);
        return message.HeaderCount;
    }

    [Benchmark]
    public int ParseDatagramAndReadRouterFields()
    {
        SipParser.TryParseDatagram(_data, _index, out var message);
        return ReadRouterFields(message);
    }

    [Benchmark]
    public int ParseMultiSegmentStreamAndReadRouterFields()
    {
        SipParser.TryParseStream(_segmented, _index, out var message, out _);
        return ReadRouterFields(message);
    }

    private static int ReadRouterFields(SipMessage message)
    {
        int sum = (int)message.Method;
        SipUri.TryParse(message.RequestUri, out var ruri);
        sum += ruri.User.Length + ruri.Host.Length;
        NameAddress.TryParse(message.GetFirstValue(SipHeaderId.From), out var from);
        from.TryGetUri(out var fromUri);
        sum += fromUri.User.Length;
        NameAddress.TryParse(message.GetFirstValue(SipHeaderId.To), out var to);
        to.TryGetUri(out var toUri);
        sum += toUri.User.Length;
        message.TryGetValue(SipHeaderId.Via, 0, out var topVia);
        ViaHeader.TryParse(topVia, out var via);
        sum += via.Branch.Length;
        CSeqHeader.TryParse(message.GetFirstValue(SipHeaderId.CSeq), out var cseq);
        sum += (int)cseq.Number;
        sum += message.GetFirstValue(SipHeaderId.CallId).Length;
        message.TryGetHeader("X-PBX-Param"u8, out var x);
        return sum + message.GetValue(x).Length;
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        private Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public static ReadOnlySequence<byte> Build(params byte[][] pieces)
        {
            var first = new Segment(pieces[0], 0);
            var last = first;
            for (int i = 1; i < pieces.Length; i++)
            {
                var next = new Segment(pieces[i], last.RunningIndex + last.Memory.Length);
                last.Next = next;
                last = next;
            }

            return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        }
    }
}
