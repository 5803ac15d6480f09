using System.Buffers;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Tests.Support;

/// <summary>Parses request bytes for a test, failing the test with the parser's error when they do not parse.</summary>
public static class ParsedRequest
{
    public static SipMessage Parse(byte[] bytes, SipMessageIndex index)
    {
        var status = SipParser.TryParseDatagram(bytes, index, out var message);
        status.Should().Be(OperationStatus.Done, "the test request must parse: {0}", index.Error.ToString());
        return message;
    }

    /// <summary>The first value of a header in a request, or null when it is absent.</summary>
    /// <summary>A view of bytes already parsed into <paramref name="index"/>, without parsing them again.</summary>
    public static SipMessage View(byte[] bytes, SipMessageIndex index) => new(bytes, index);

    public static string? HeaderValue(byte[] bytes, string name)
    {
        var index = new SipMessageIndex();
        var message = Parse(bytes, index);
        return message.TryGetHeader(System.Text.Encoding.UTF8.GetBytes(name), out var header)
            ? System.Text.Encoding.UTF8.GetString(message.GetValue(header))
            : null;
    }

    public static string RequestUri(byte[] bytes)
    {
        var index = new SipMessageIndex();
        var message = Parse(bytes, index);
        return System.Text.Encoding.UTF8.GetString(message.RequestUri);
    }
}
