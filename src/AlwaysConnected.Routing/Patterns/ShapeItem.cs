namespace AlwaysConnected.Routing.Patterns;

/// <summary>One element of a specialisable pattern: literal bytes or a counted run of a byte class.</summary>
/// <param name="Literal">The UTF-8 bytes of a literal element, or <see langword="null"/> for a run.</param>
/// <param name="Class">The class of a run element, or <see langword="null"/> for a literal.</param>
/// <param name="Min">Fewest repetitions of the run (the literal length for a literal).</param>
/// <param name="Max">Most repetitions of the run, <see cref="Unbounded"/> for no limit.</param>
internal sealed record ShapeItem(byte[]? Literal, ByteClass? Class, int Min, int Max)
{
    public const int Unbounded = int.MaxValue;

    public bool IsLiteral => Literal is not null;

    public bool IsFixedWidth => IsLiteral || (Min == Max && !Class!.IncludesNonAscii);

    /// <summary>Width in bytes of a fixed-width element.</summary>
    public int Width => IsLiteral ? Literal!.Length : Min;

    public static ShapeItem FromLiteral(byte[] bytes) => new(bytes, null, bytes.Length, bytes.Length);

    public static ShapeItem Run(ByteClass cls, int min, int max) => new(null, cls, min, max);

    /// <summary>Whether the element matches <paramref name="value"/> at <paramref name="pos"/> (fixed-width elements only).</summary>
    public bool MatchesAt(ReadOnlySpan<byte> value, int pos)
    {
        if (Literal is not null)
        {
            return value[pos..].StartsWith(Literal);
        }

        if (pos + Min > value.Length)
        {
            return false;
        }

        return value.Slice(pos, Min).IndexOfAnyExcept(Class!.Members) < 0;
    }

    /// <summary>The set of bytes the element can start with.</summary>
    public ByteClass FirstByteClass() =>
        Literal is null ? Class! : Literal[0] < 128 ? ByteClass.Single(Literal[0]) : ByteClass.FromAscii(static _ => false, includesNonAscii: true);

    public string Describe()
    {
        if (Literal is not null)
        {
            return "`" + System.Text.Encoding.UTF8.GetString(Literal) + "`";
        }

        var count = (Min, Max) switch
        {
            (0, Unbounded) => "*",
            (1, Unbounded) => "+",
            (0, 1) => "?",
            var (a, b) when a == b && a == 1 => "",
            var (a, b) when a == b => "{" + a.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}",
            var (a, b) when b == Unbounded => "{" + a.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",}",
            var (a, b) => "{" + a.ToString(System.Globalization.CultureInfo.InvariantCulture) + "," + b.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}",
        };
        return Class!.Describe() + count;
    }
}
