namespace AlwaysConnected.Routing.Requests;

/// <summary>
/// Turns a SIP URI into the next hop it names (<c>sip:user@host:port;params</c> to <c>host:port</c>), the
/// way both engines route by a URI they deployed when no explicit target was given.
/// </summary>
internal static class NextHopFromUri
{
    /// <summary>
    /// Appends the host (and <c>:port</c> when the URI has one) of <paramref name="uri"/> to the arena;
    /// false, with nothing written, when the URI has no host.
    /// </summary>
    /// <param name="arena">The decision's arena. <paramref name="uri"/> may be a slice of it: the host is copied before the arena can grow.</param>
    /// <param name="uri">A SIP URI, bare or inside a name-addr.</param>
    /// <param name="start">Where the next hop starts in the arena.</param>
    /// <param name="length">Its length.</param>
    public static bool TryAppend(ByteArena arena, ReadOnlySpan<byte> uri, out int start, out int length)
    {
        if (!RequestReader.TryGetHostPort(uri, out var host, out var port))
        {
            start = -1;
            length = 0;
            return false;
        }

        start = arena.Append(host);
        if (port > 0)
        {
            arena.Append(":"u8);
            ValueWriter.Integer(arena, port);
        }

        length = arena.Length - start;
        return true;
    }
}
