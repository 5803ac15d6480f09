using System.Buffers;
using System.Diagnostics;
using System.Text;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Tests.Support;

namespace AlwaysConnected.Routing.Tests.Sip;

/// <summary>Malformed and hostile input: a typed error with an in-range offset, never an exception.</summary>
public class BadInputTests
{
    private const string Head = "INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:bob@example.com>\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\n";

    private static SipParseError ParseError(string text, SipParserOptions? options = null) => ParseError(Encoding.UTF8.GetBytes(text), options);

    private static SipParseError ParseError(byte[] data, SipParserOptions? options = null)
    {
        var index = new SipMessageIndex(options);
        var status = SipParser.TryParseDatagram(data, index, out var message);
        status.Should().Be(OperationStatus.InvalidData);
        index.Error.Offset.Should().BeInRange(0, Math.Max(data.Length, message.Span.Length));
        return index.Error;
    }

    [Theory]
    [InlineData("Content-Length: -999\r\n\r\n", SipParseErrorCode.InvalidContentLength)]
    [InlineData("Content-Length: 4294967296\r\n\r\n", SipParseErrorCode.InvalidContentLength)]
    [InlineData("Content-Length: 99999999999999999999999999\r\n\r\n", SipParseErrorCode.InvalidContentLength)]
    [InlineData("Content-Length: 1e3\r\n\r\n", SipParseErrorCode.InvalidContentLength)]
    [InlineData("Content-Length: 0\r\nl: 0\r\n\r\n", SipParseErrorCode.DuplicateContentLength)]
    [InlineData("Content-Length: 10\r\n\r\nabc", SipParseErrorCode.BodyTruncated)]
    [InlineData("Content-Length: 0\r\n", SipParseErrorCode.IncompleteHeaderSection)]
    [InlineData("Content-Length: 0\r\nBad Header: x\r\n\r\n", SipParseErrorCode.MissingColon)]
    [InlineData("Content-Length: 0\r\n:x\r\n\r\n", SipParseErrorCode.InvalidHeaderName)]
    [InlineData("Content-Length: 0\nX: y\r\n\r\n", SipParseErrorCode.InvalidLineEnding)]
    [InlineData("Content-Length: 0\rX: y\r\n\r\n", SipParseErrorCode.InvalidLineEnding)]
    public void Header_section_errors_are_typed(string tail, SipParseErrorCode code)
    {
        ParseError(Head.Replace("CSeq: 1 INVITE\r\n", "CSeq: 1 INVITE\r\n") + tail).Code.Should().Be(code);
    }

    [Theory]
    [InlineData("CSeq: 4294967296 INVITE", SipParseErrorCode.InvalidCSeq)]
    [InlineData("CSeq: -1 INVITE", SipParseErrorCode.InvalidCSeq)]
    [InlineData("CSeq: 1", SipParseErrorCode.InvalidCSeq)]
    public void Cseq_overflow_and_garbage_are_errors(string cseq, SipParseErrorCode code)
    {
        ParseError(Head.Replace("CSeq: 1 INVITE", cseq) + "l: 0\r\n\r\n").Code.Should().Be(code);
    }

    [Theory]
    [InlineData("SIP/2.0 4294967301 x\r\n", SipParseErrorCode.InvalidStatusCode)]
    [InlineData("SIP/2.0 099 x\r\n", SipParseErrorCode.InvalidStatusCode)]
    [InlineData("SIP/2.0 20 x\r\n", SipParseErrorCode.InvalidStatusCode)]
    [InlineData("SIP/2.x 200 OK\r\n", SipParseErrorCode.InvalidVersion)]
    [InlineData("INV\0TE sip:a@b SIP/2.0\r\n", SipParseErrorCode.InvalidMethod)]
    [InlineData("INVITE sip:a\0@b SIP/2.0\r\n", SipParseErrorCode.InvalidRequestUri)]
    [InlineData("INVITE sip:\u00e9@b SIP/2.0\r\n", SipParseErrorCode.InvalidRequestUri)]
    [InlineData("INVITE sip:a@b\r\n", SipParseErrorCode.InvalidStartLine)]
    public void Start_line_errors_are_typed(string startLine, SipParseErrorCode code)
    {
        ParseError(startLine + "l: 0\r\n\r\n").Code.Should().Be(code);
    }

    [Fact]
    public void Keepalive_only_datagram_is_an_empty_message()
    {
        ParseError("\r\n\r\n").Code.Should().Be(SipParseErrorCode.EmptyMessage);
    }

    [Fact]
    public void Non_utf8_and_nul_in_values_are_opaque_but_not_in_names()
    {
        var ok = Encoding.Latin1.GetBytes(Head + "X-Raw: \0\u00ff\u00fe\0\r\nl: 0\r\n\r\n");
        var index = new SipMessageIndex();
        SipParser.TryParseDatagram(ok, index, out var message).Should().Be(OperationStatus.Done);
        message.TryGetHeader("x-raw"u8, out var raw).Should().BeTrue();
        message.GetValue(raw).ToArray().Should().Equal(0, 0xFF, 0xFE, 0);

        var bad = Encoding.Latin1.GetBytes(Head + "X-\u00ffRaw: x\r\nl: 0\r\n\r\n");
        ParseError(bad).Code.Should().Be(SipParseErrorCode.InvalidHeaderName);
    }

    [Fact]
    public void Each_limit_has_its_own_code()
    {
        var options = new SipParserOptions { MaxMessageSize = 400, MaxHeaderCount = 8, MaxLineLength = 100, MaxHeaderValueLength = 60 };
        ParseError(Head + "l: 0\r\nX: " + new string('a', 400) + "\r\n\r\n", options).Code.Should().Be(SipParseErrorCode.MessageTooLarge);
        ParseError(Head + "l: 0\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", options).Code.Should().Be(SipParseErrorCode.TooManyHeaders);
        ParseError(Head + "X: " + new string('a', 120) + "\r\nl: 0\r\n\r\n", options).Code.Should().Be(SipParseErrorCode.HeaderLineTooLong);
        ParseError(Head + "X: " + new string('a', 40) + "\r\n " + new string('b', 40) + "\r\nl: 0\r\n\r\n", options).Code.Should().Be(SipParseErrorCode.HeaderValueTooLong);
        ParseError("INVITE sip:" + new string('a', 120) + "@b SIP/2.0\r\n\r\n", options).Code.Should().Be(SipParseErrorCode.StartLineTooLong);
        ParseError(Head + "l: 300\r\n\r\n", options).Code.Should().Be(SipParseErrorCode.BodyTooLarge);

        new SipParseError(SipParseErrorCode.MessageTooLarge, 0).SuggestedStatusCode.Should().Be(513);
        new SipParseError(SipParseErrorCode.BodyTooLarge, 0).SuggestedStatusCode.Should().Be(413);
        new SipParseError(SipParseErrorCode.StartLineTooLong, 0).SuggestedStatusCode.Should().Be(414);
    }

    [Fact]
    public void A_stream_without_end_of_headers_fails_once_past_the_size_limit()
    {
        var options = new SipParserOptions { MaxMessageSize = 1000 };
        var data = Encoding.ASCII.GetBytes(Head + "X: " + new string('a', 2000));
        var index = new SipMessageIndex(options);
        SipParser.TryParseStream(new ReadOnlySequence<byte>(data), index, out _, out _).Should().Be(OperationStatus.InvalidData);
        index.Error.Code.Should().Be(SipParseErrorCode.MessageTooLarge);
        SipParser.TryParseStream(SipTestData.Segments(data[..500], data[500..]), index, out _, out _).Should().Be(OperationStatus.InvalidData);
        index.Error.Code.Should().Be(SipParseErrorCode.MessageTooLarge);
    }

    [Fact]
    public void Every_truncation_and_random_mutation_of_every_test_message_gives_a_result_not_an_exception()
    {
        var random = new Random(4475);
        var index = new SipMessageIndex();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData"), "*.sip", SearchOption.AllDirectories))
        {
            var data = File.ReadAllBytes(file);
            for (int length = 0; length <= data.Length; length += 7)
            {
                Exercise(data[..length], index);
            }

            for (int i = 0; i < 200; i++)
            {
                var copy = (byte[])data.Clone();
                for (int k = 0; k < 3; k++)
                {
                    copy[random.Next(copy.Length)] = (byte)random.Next(256);
                }

                Exercise(copy, index);
            }
        }
    }

    private static void Exercise(byte[] data, SipMessageIndex index)
    {
        var status = SipParser.TryParseDatagram(data, index, out var message);
        if (status == OperationStatus.Done)
        {
            SipMessageValidator.TryValidate(message, out _);
            message.Body.Length.Should().BeLessThanOrEqualTo(data.Length);
        }
        else
        {
            status.Should().Be(OperationStatus.InvalidData);
            index.Error.Code.Should().NotBe(SipParseErrorCode.None);
            index.Error.Offset.Should().BeInRange(0, data.Length);
        }

        SipParser.TryParseStream(new ReadOnlySequence<byte>(data), index, out _, out _);
        int half = data.Length / 2;
        SipParser.TryParseStream(SipTestData.Segments(data[..half], data[half..]), index, out _, out _);
    }

    [Fact]
    public void Work_grows_linearly_with_hostile_input()
    {
        var options = new SipParserOptions { MaxMessageSize = 4_000_000, MaxLineLength = 4_000_000, MaxHeaderValueLength = 4_000_000, MaxHeaderCount = 1_000_000 };
        static byte[] Build(int n) => Encoding.ASCII.GetBytes(Head + string.Concat(Enumerable.Repeat("X: ,\"<\r\n ;;\r\n", n)) + "l: 0\r\n\r\n");
        var index = new SipMessageIndex(options);
        var small = Build(1_000);
        var large = Build(100_000);
        Time(small, index);
        Time(large, index);

        // Thread CPU time (not wall-clock time, which a loaded machine inflates for long runs only) and the
        // fastest of several runs. 100x the input costs about 100x when the work is linear and 10,000x when
        // it is quadratic: a 1,000x bound tells them apart with room for cache effects.
        long tSmall = Enumerable.Range(0, 5).Min(_ => Time(small, index));
        long tLarge = Enumerable.Range(0, 5).Min(_ => Time(large, index));
        tLarge.Should().BeLessThan(Math.Max(tSmall, 1) * 1000);
    }

    private static long Time(byte[] data, SipMessageIndex index)
    {
        var watch = Stopwatch.StartNew();
        var cpuStart = ThreadCpuTime.IsSupported ? ThreadCpuTime.NowNanoseconds() : 0;
        SipParser.TryParseDatagram(data, index, out var message).Should().Be(OperationStatus.Done);
        foreach (var value in message.EnumerateValues(SipHeaderId.Extension))
        {
            _ = value.Length;
        }

        return ThreadCpuTime.IsSupported ? ThreadCpuTime.NowNanoseconds() - cpuStart : watch.ElapsedTicks;
    }
}
