using System.Text;

namespace AlwaysConnected.Routing.Cli.Explain;

/// <summary>
/// Reads a SIP message saved in a file. SIP needs CRLF line ends, but files are often saved with
/// LF only: when the header section has no CR at all, its line ends are turned into CRLF. The body
/// is left byte for byte as saved, so its Content-Length stays right. A missing blank line after the
/// last header is added.
/// </summary>
internal static class MessageFile
{
    public static byte[] Normalise(byte[] bytes)
    {
        var span = bytes.AsSpan();
        var end = span.IndexOf("\n\n"u8);
        var headerSection = end < 0 ? span : span[..(end + 1)];
        if (headerSection.Contains((byte)'\r'))
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

    public static string ToText(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
