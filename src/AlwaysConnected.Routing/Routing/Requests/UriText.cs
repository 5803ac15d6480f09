using System.Text;

namespace AlwaysConnected.Routing.Requests;

/// <summary>
/// Quick reads of URI text that an engine has just substituted (not yet a parsed <see cref="Sip.SipUri"/>):
/// its scheme, its user, what follows the user, and whether it is a bare URI. They accept the partial
/// forms the rule notations allow, such as <c>sip:user@</c> (user only) or a bare <c>1001</c>.
/// </summary>
internal static class UriText
{
    /// <summary>The scheme both engines write when a value gives none.</summary>
    public static ReadOnlySpan<byte> SipScheme => "sip:"u8;

    /// <summary>The length of <c>sip:</c>, <c>sips:</c> or <c>tel:</c> at the start (any case), else 0.</summary>
    public static int SchemeLength(ReadOnlySpan<byte> uri)
    {
        // Byte tests instead of finding the colon: OR-ing 0x20 folds exactly the ASCII capitals of these letters.
        if (uri.Length < 4)
        {
            return 0;
        }

        var first = uri[0] | 0x20;
        if (first == 's' && (uri[1] | 0x20) == 'i' && (uri[2] | 0x20) == 'p')
        {
            return uri[3] == ':' ? 4 : uri.Length > 4 && (uri[3] | 0x20) == 's' && uri[4] == ':' ? 5 : 0;
        }

        return first == 't' && (uri[1] | 0x20) == 'e' && (uri[2] | 0x20) == 'l' && uri[3] == ':' ? 4 : 0;
    }

    /// <summary>The user of a URI (between the scheme and <c>@</c>), empty when it has none.</summary>
    public static ReadOnlySpan<byte> UserOf(ReadOnlySpan<byte> uri)
    {
        var scheme = SchemeLength(uri);
        var rest = uri[scheme..];
        var at = rest.IndexOf((byte)'@');
        if (at >= 0)
        {
            return rest[..at];
        }

        // tel:+8190... carries the number without an @.
        var semicolon = rest.IndexOf((byte)';');
        return scheme > 0 && Ascii.EqualsIgnoreCase(uri[..(scheme - 1)], "tel"u8) ? (semicolon >= 0 ? rest[..semicolon] : rest) : default;
    }

    /// <summary>Everything after the user's <c>@</c> (host, port, parameters), or after the scheme when there is no user.</summary>
    public static ReadOnlySpan<byte> HostPartOf(ReadOnlySpan<byte> uri)
    {
        var scheme = SchemeLength(uri);
        var rest = uri[scheme..];
        var at = rest.IndexOf((byte)'@');
        return at >= 0 ? rest[(at + 1)..] : rest;
    }

    /// <summary>A URI with a scheme and nothing around it (no display name, no brackets).</summary>
    public static bool IsBareUri(ReadOnlySpan<byte> value)
    {
        var colon = value.IndexOf((byte)':');
        return colon > 0 && value.IndexOfAny("<>\" "u8) < 0 && Sip.SipUri.TryParse(value, out _);
    }
}
