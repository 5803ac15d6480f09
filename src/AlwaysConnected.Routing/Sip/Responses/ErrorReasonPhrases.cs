using System.Text;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Sip.Responses;

/// <summary>
/// The reason phrases of requests refused for a parse or validation error: the standard phrase of the status, then what is
/// wrong (<c>Bad Request (missing Call-ID)</c>). Each text is built the first time it is needed and then
/// reused, so refusing a request allocates nothing after warm-up.
/// </summary>
internal static class ErrorReasonPhrases
{
    private static readonly int HeaderCount = Enum.GetValues<SipHeaderId>().Max(id => (int)id) + 1;
    private static readonly int CodeCount = Enum.GetValues<SipParseErrorCode>().Max(code => (int)code) + 1;
    private static readonly string?[] Cache = new string?[HeaderCount * CodeCount];

    public static string Get(SipParseError error)
    {
        var code = (int)error.Code;
        var header = (int)error.Header;
        if ((uint)code >= (uint)CodeCount || (uint)header >= (uint)HeaderCount)
        {
            return Create(error);
        }

        // Races only build the same text twice; a reference write is atomic.
        ref var slot = ref Cache[(code * HeaderCount) + header];
        return slot ??= Create(error);
    }

    private static string Create(SipParseError error)
    {
        var header = error.Header == SipHeaderId.Extension ? "a header" : Encoding.ASCII.GetString(SipHeaderNameLookup.GetCanonicalName(error.Header));
        var problem = error.Code switch
        {
            SipParseErrorCode.VersionNotSupported => "only SIP/2.0 is supported",
            SipParseErrorCode.MissingRequiredHeader => "missing " + header,
            SipParseErrorCode.DuplicateHeader => "repeated " + header,
            SipParseErrorCode.CSeqMethodMismatch => "CSeq method does not match the request method",
            SipParseErrorCode.InvalidRequestUri => "invalid Request-URI",
            SipParseErrorCode.InvalidHeaderValue or SipParseErrorCode.InvalidCSeq => "invalid " + header,
            SipParseErrorCode.InvalidVersion => "invalid SIP-Version",
            SipParseErrorCode.InvalidContentLength or SipParseErrorCode.DuplicateContentLength => "invalid Content-Length",
            _ => error.Code.ToString(),
        };
        return SipReasonPhrases.Get(error.SuggestedStatusCode) + " (" + problem + ")";
    }
}
