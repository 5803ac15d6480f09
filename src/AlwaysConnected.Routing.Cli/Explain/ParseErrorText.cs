using System.Globalization;
using System.Text;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Cli.Explain;

/// <summary>
/// A parse error as one sentence for the <c>message</c> field: what is wrong and where, without the
/// code and the offset, which the output shows in fields of their own.
/// </summary>
internal static class ParseErrorText
{
    public static string Describe(SipParseError error)
    {
        var text = new StringBuilder();
        text.Append(error.Code switch
        {
            SipParseErrorCode.BodyTruncated => "The body is shorter than Content-Length says",
            SipParseErrorCode.MissingColon => "A header line has no colon",
            _ => Sentence(error.Code.ToString()),
        });
        if (error.Header != SipHeaderId.Extension)
        {
            text.Append(" in ").Append(error.Header.ToString());
        }

        text.Append(CultureInfo.InvariantCulture, $"; a server would answer {error.SuggestedStatusCode}.");
        return text.ToString();
    }

    /// <summary><c>InvalidHeaderValue</c> becomes <c>Invalid header value</c>.</summary>
    private static string Sentence(string code)
    {
        var text = new StringBuilder(code.Length + 8);
        foreach (var c in code)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
