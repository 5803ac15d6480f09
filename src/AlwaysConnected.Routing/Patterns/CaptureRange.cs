namespace AlwaysConnected.Routing.Patterns;

/// <summary>
/// Where a capture group matched, as byte offsets into the matched value; or "did not take part".
/// </summary>
/// <param name="Start">Byte offset of the group's first byte, or -1 when the group did not match.</param>
/// <param name="Length">Length of the captured text in bytes (0 when the group did not match).</param>
internal readonly record struct CaptureRange(int Start, int Length)
{
    /// <summary>A group that did not take part in the match.</summary>
    public static CaptureRange NotMatched => new(-1, 0);

    /// <summary>Whether the group took part in the match (it may still have captured empty text).</summary>
    public bool Success => Start >= 0;

    /// <summary>Byte offset just past the captured text.</summary>
    public int End => Start + Length;

    /// <summary>The captured bytes of <paramref name="value"/>; empty when the group did not match.</summary>
    /// <param name="value">The same value the match ran on.</param>
    public ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> value) => Success ? value.Slice(Start, Length) : default;
}
