using System.Globalization;
using System.Text;

namespace AlwaysConnected.Routing.Cli.Explain;

/// <summary>
/// Reads a SIP message saved in a file. SIP needs CRLF line ends, but files are often saved with
/// LF only: when the header section has no CR at all, its line ends are turned into CRLF. The body
/// is left byte for byte as saved (it may be binary, or its line ends may matter). A missing blank
/// line after the last header is added.
/// </summary>
internal static class MessageFile
{
    public static byte[] Normalise(byte[] bytes) => Normalise(bytes, out _);

    /// <param name="bytes">The file's bytes.</param>
    /// <param name="lineEndsConverted">Whether the header section was saved with LF line ends and converted.</param>
    public static byte[] Normalise(byte[] bytes, out bool lineEndsConverted)
    {
        var span = bytes.AsSpan();
        var end = span.IndexOf("\n\n"u8);
        var headerSection = end < 0 ? span : span[..(end + 1)];
        lineEndsConverted = !headerSection.Contains((byte)'\r');
        if (!lineEndsConverted)
        {
            return bytes;
        }

        var output = new List<byte>(bytes.Length + 64);
        foreach (var b in headerSection)
        {
            if (b == '\n')
            {
                output.Add((byte)'\r');
            }

            output.Add(b);
        }

        if (end < 0)
        {
            if (output.Count > 0 && output[^1] != '\n')
            {
                output.AddRange("\r\n"u8.ToArray());
            }

            output.AddRange("\r\n"u8.ToArray());
        }
        else
        {
            output.AddRange("\r\n"u8.ToArray());
            output.AddRange(span[(end + 2)..].ToArray());
        }

        return [.. output];
    }

    /// <summary>
    /// Finds the Content-Length header (or its compact form <c>l</c>) of a CRLF message and the body's
    /// real length. False when the message has no such header or no end of headers.
    /// </summary>
    public static bool TryReadContentLength(ReadOnlySpan<byte> message, out long declared, out int valueOffset, out int valueLength, out int bodyLength)
    {
        declared = 0;
        valueOffset = valueLength = bodyLength = 0;
        var headEnd = message.IndexOf("\r\n\r\n"u8);
        if (headEnd < 0)
        {
            return false;
        }

        bodyLength = message.Length - (headEnd + 4);
        var found = false;
        var lineStart = message.IndexOf("\r\n"u8) + 2;
        while (lineStart < headEnd + 2)
        {
            var lineLength = message[lineStart..].IndexOf("\r\n"u8);
            var line = message.Slice(lineStart, lineLength);
            var colon = line.IndexOf((byte)':');
            if (colon > 0)
            {
                var name = Encoding.ASCII.GetString(line[..colon]).Trim();
                if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) || name.Equals("l", StringComparison.OrdinalIgnoreCase))
                {
                    var raw = line[(colon + 1)..];
                    var value = Encoding.ASCII.GetString(raw);
                    var leading = value.Length - value.TrimStart().Length;
                    if (long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out declared))
                    {
                        found = true;
                        valueOffset = lineStart + colon + 1 + leading;
                        valueLength = value.Trim().Length;
                    }
                }
            }

            lineStart += lineLength + 2;
        }

        return found;
    }

    /// <summary>The message with its Content-Length value replaced by the body's real length.</summary>
    public static byte[] FixContentLength(byte[] message, int valueOffset, int valueLength, int bodyLength)
    {
        var value = Encoding.ASCII.GetBytes(bodyLength.ToString(CultureInfo.InvariantCulture));
        return [.. message.AsSpan(0, valueOffset), .. value, .. message.AsSpan(valueOffset + valueLength)];
    }

    public static string ToText(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
