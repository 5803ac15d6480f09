using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Requests;

/// <summary>
/// Composes the new URI and display name of an address header (To, From) from a deployed value and the
/// request's own URI, and writes the matching header edit. The composed values go to the decision's arena.
/// </summary>
/// <remarks>
/// A deployed value may be <c>"Name" &lt;uri&gt;</c> (both), a full URI (replaces the URI), <c>sip:user@</c>
/// (replaces the user, keeps the host) or a bare value (replaces the user). The original URI is read, not
/// re-parsed: it is the addr-spec <see cref="NameAddress"/> already extracted.
/// </remarks>
internal static class AddressComposer
{
    /// <summary>
    /// Turns a deployed value (at <paramref name="value"/> in the arena) into the header's new URI and
    /// display name; <c>(-1, 0)</c> for a part the value does not set.
    /// </summary>
    /// <param name="arena">The decision's arena.</param>
    /// <param name="originalUri">The header's current addr-spec.</param>
    /// <param name="hasOriginal">Whether the request has the header (and it parsed).</param>
    /// <param name="value">The deployed value, already guarded and trimmed, in the arena.</param>
    /// <param name="display">The new display name, quoted, or <c>(-1, 0)</c>.</param>
    /// <param name="fullUri">Whether the value gave a whole URI of its own (scheme and host).</param>
    /// <returns>The new URI in the arena, or <c>(-1, 0)</c> when the value sets none.</returns>
    public static (int Start, int Length) Compose(ByteArena arena, ReadOnlySpan<byte> originalUri, bool hasOriginal, (int Start, int Length) value, out (int Start, int Length) display, out bool fullUri)
    {
        fullUri = false;
        display = (-1, 0);
        var text = arena.Slice(value.Start, value.Length);
        var uriOffset = 0;
        var uriLength = text.Length;
        if (TryReadQuoted(text, out var nameEnd, out var innerStart, out var innerEnd))
        {
            // Typographic quotes as the vendor's pages print them become ASCII quotes.
            var displayStart = arena.AppendConcat("\""u8, text[innerStart..innerEnd], "\""u8, default);
            display = (displayStart, arena.Length - displayStart);
            text = arena.Slice(value.Start, value.Length);
            var rest = text[nameEnd..].Trim((byte)' ');
            if (rest.IsEmpty)
            {
                return (-1, 0);
            }

            uriOffset = text.Length - text[nameEnd..].TrimStart((byte)' ').Length;
            uriLength = rest.Length;
        }

        var uriText = arena.Slice(value.Start + uriOffset, uriLength);
        if (uriText.Length >= 2 && uriText[0] == (byte)'<' && uriText[^1] == (byte)'>')
        {
            uriOffset++;
            uriLength -= 2;
            uriText = uriText[1..^1];
        }

        if (uriText.IsEmpty)
        {
            return (-1, 0);
        }

        var scheme = UriText.SchemeLength(uriText);
        if (scheme > 0 && uriText[^1] != (byte)'@')
        {
            fullUri = true;
            return (value.Start + uriOffset, uriLength);
        }

        // Keep the original host part (everything after the user) and scheme for a bare user; without a host
        // part a trailing '@' goes. One write: the pieces may be arena slices, which stay readable if it grows.
        var hostPart = hasOriginal ? UriText.HostPartOf(originalUri) : default;
        var originalScheme = hasOriginal ? UriText.SchemeLength(originalUri) : 0;
        var prefix = scheme > 0 ? default : originalScheme > 0 ? originalUri[..originalScheme] : UriText.SipScheme;
        var separator = scheme == 0 && !hostPart.IsEmpty ? "@"u8 : default;
        var body = hostPart.IsEmpty && uriText[^1] == (byte)'@' ? uriText[..^1] : uriText;
        var start = arena.AppendConcat(prefix, body, separator, hostPart);
        return (start, arena.Length - start);
    }

    /// <summary>
    /// Appends <c>sip:user@host:port</c> (or <c>sip:host:port</c> without a user) in one write; the URI
    /// without its port is a prefix of it when <paramref name="hostPort"/> starts with the host.
    /// </summary>
    /// <remarks>The user may be a slice of the arena: if the arena grows meanwhile the slice still reads the old buffer, whose bytes are unchanged.</remarks>
    /// <returns>Where the URI starts in the arena; <paramref name="hostOffset"/> is where the host starts within it.</returns>
    public static int AppendSipUri(ByteArena arena, ReadOnlySpan<byte> user, ReadOnlySpan<byte> hostPort, out int hostOffset)
    {
        var scheme = UriText.SipScheme;
        hostOffset = scheme.Length + (user.IsEmpty ? 0 : user.Length + 1);
        var length = hostOffset + hostPort.Length;
        var start = arena.Length;
        var span = arena.GetSpan(length);
        scheme.CopyTo(span);
        if (!user.IsEmpty)
        {
            user.CopyTo(span[scheme.Length..]);
            span[hostOffset - 1] = (byte)'@';
        }

        hostPort.CopyTo(span[hostOffset..]);
        arena.Advance(length);
        return start;
    }

    /// <summary>
    /// Writes the address header's edit: the URI alone (<see cref="HeaderEditKind.ReplaceUri"/>), the display
    /// name alone, or both (the whole value, keeping the header parameters such as the tag).
    /// </summary>
    public static void WriteEdit(RoutingDecision decision, byte[] name, ReadOnlySpan<byte> headerValue, (int Start, int Length) display, (int Start, int Length) uri)
    {
        var arena = decision.Arena;
        if (display.Start < 0)
        {
            if (uri.Start >= 0)
            {
                decision.SetHeaderEdit(name, HeaderEditKind.ReplaceUri, uri.Start, uri.Length);
            }

            return;
        }

        if (uri.Start < 0)
        {
            decision.SetHeaderEdit(name, HeaderEditKind.ReplaceDisplayName, display.Start, display.Length);
            return;
        }

        var start = arena.Length;
        AppendCopy(arena, display.Start, display.Length);
        arena.Append(" <"u8);
        AppendCopy(arena, uri.Start, uri.Length);
        arena.Append(">"u8);
        if (NameAddress.TryParse(headerValue, out var address) && !address.ParametersText.IsEmpty)
        {
            if (address.ParametersText[0] != (byte)';')
            {
                arena.Append(";"u8);
            }

            arena.Append(address.ParametersText);
        }

        decision.SetHeaderEdit(name, HeaderEditKind.Set, start, arena.Length - start);
    }

    private static void AppendCopy(ByteArena arena, int start, int length)
    {
        var span = arena.GetSpan(length);
        arena.Slice(start, length).CopyTo(span);
        arena.Advance(length);
    }

    /// <summary>A quoted display name at the start: ASCII quotes or the typographic “ ” the vendor's pages print.</summary>
    private static bool TryReadQuoted(ReadOnlySpan<byte> text, out int end, out int innerStart, out int innerEnd)
    {
        end = innerStart = innerEnd = 0;
        if (text.StartsWith("\""u8))
        {
            var close = text[1..].IndexOf((byte)'"');
            if (close < 0)
            {
                return false;
            }

            innerStart = 1;
            innerEnd = 1 + close;
            end = innerEnd + 1;
            return true;
        }

        if (text.StartsWith("\u201C"u8))
        {
            var open = "\u201C"u8.Length;
            var close = text[open..].IndexOf("\u201D"u8);
            if (close < 0)
            {
                return false;
            }

            innerStart = open;
            innerEnd = open + close;
            end = innerEnd + "\u201D"u8.Length;
            return true;
        }

        return false;
    }
}
