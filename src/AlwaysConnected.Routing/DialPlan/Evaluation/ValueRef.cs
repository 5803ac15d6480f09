namespace AlwaysConnected.Routing.DialPlan.Evaluation;

/// <summary>
/// A value met during evaluation, addressed by origin and offset instead of by span so it can be
/// stored (in capture tables, argument lists) while the arena it may point into grows.
/// </summary>
/// <remarks>
/// It holds no object reference on purpose: values are stored per line, per argument and per
/// capture, and a reference in the struct would cost a GC write barrier on every store into the
/// scratch arrays. A literal from the rules is therefore copied into the arena when it is used.
/// </remarks>
internal readonly struct ValueRef
{
    private ValueRef(ValueOrigin origin, int start, int length)
    {
        Origin = origin;
        Start = start;
        Length = length;
    }

    public static ValueRef Null => default;

    public ValueOrigin Origin { get; }

    public int Start { get; }

    public int Length { get; }

    public bool IsNull => Origin == ValueOrigin.Null;

    public static ValueRef FromMessage(int start, int length) => new(ValueOrigin.Message, start, length);

    public static ValueRef FromArena(int start, int length) => new(ValueOrigin.Arena, start, length);

    /// <summary>A sub-range of this value (a capture group of it).</summary>
    public ValueRef Slice(int start, int length) => new(Origin, Start + start, length);

    public ReadOnlySpan<byte> Resolve(ReadOnlySpan<byte> message, ByteArena arena) => Origin switch
    {
        ValueOrigin.Message => message.Slice(Start, Length),
        ValueOrigin.Arena => arena.Slice(Start, Length),
        _ => default,
    };
}
