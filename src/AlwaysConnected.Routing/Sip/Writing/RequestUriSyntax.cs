namespace AlwaysConnected.Routing.Sip.Writing;

/// <summary>
/// Whether bytes can stand as a Request-URI on the wire: visible ASCII only (no space, no control
/// byte, nothing above 0x7E — RFC 3261 escapes everything else) and a URI the parser reads back.
/// </summary>
internal static class RequestUriSyntax
{
    public static bool IsValid(ReadOnlySpan<byte> uri)
    {
        if (uri.IsEmpty || uri.IndexOfAnyExceptInRange((byte)0x21, (byte)0x7E) >= 0)
        {
            return false;
        }

        var colon = uri.IndexOf((byte)':');
        return colon > 0 && SipUri.TryParse(uri, out _);
    }
}
