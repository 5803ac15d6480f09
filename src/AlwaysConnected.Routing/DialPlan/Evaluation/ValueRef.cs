namespace AlwaysConnected.Routing.DialPlan.Evaluation;

/// <summary>
/// A value met during evaluation, addressed by origin and offset instead of by span so it can be
/// stored (in capture tables, argument lists) while the arena it may point into grows.
/// </summary>
internal readonly struct ValueRef
{
    private readonly byte[]? _literal;

    private ValueRef(ValueOrigin origin, byte[]? literal, int start, int length)
    {
        Origin = origin;
        _literal = literal;
        Start = start;
        Length = length;
    }

    public static ValueRef Null => default;

    public ValueOrigin Origin { get; }

    public int Start { get; }

    public int Length { get; }

    public bool IsNull => Origin == ValueOrigin.Null;

    public static ValueRef FromMessage(int start, int length) => new(ValueOrigin.Message, null, start, length);

    public static ValueRef FromArena(int start, int length) => new(ValueOrigin.Arena, null, start, length);

    public static ValueRef FromLiteral(byte[] literal) => new(ValueOrigin.Literal, literal, 0, literal.Length);

    /// <summary>A sub-range of this value (a capture group of it).</summary>
    public ValueRef Slice(int start, int length) => new(Origin, _literal, Start + start, length);

    public ReadOnlySpan<byte> Resolve(ReadOnlySpan<byte> message, ByteArena arena) => Origin switch
    {
        ValueOrigin.Message => message.Slice(Start, Length),
        ValueOrigin.Arena => arena.Slice(Start, Length),
        ValueOrigin.Literal => _literal.AsSpan(Start, Length),
        _ => default,
    };
}
