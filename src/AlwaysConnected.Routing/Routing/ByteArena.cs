using System.Buffers;

namespace AlwaysConnected.Routing;

/// <summary>
/// A growable byte buffer that hands out offset-addressed slices and is reset, not freed, between
/// requests: after warm-up, building decision values allocates nothing.
/// </summary>
/// <remarks>
/// Slices are addressed by offset rather than by span because the buffer may grow (and move) while
/// a decision is being built; an offset stays valid across growth.
/// </remarks>
internal sealed class ByteArena : IBufferWriter<byte>
{
    private byte[] _buffer;
    private int _length;

    public ByteArena(int initialCapacity = 1024) => _buffer = new byte[initialCapacity];

    /// <summary>Bytes written so far.</summary>
    public int Length => _length;

    public ReadOnlySpan<byte> Slice(int start, int length) => _buffer.AsSpan(start, length);

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public void Reset() => _length = 0;

    /// <summary>Drops everything written after <paramref name="length"/> (undo of a failed step).</summary>
    public void Truncate(int length) => _length = Math.Min(_length, length);

    public int Append(ReadOnlySpan<byte> value)
    {
        var start = _length;
        value.CopyTo(GetSpan(value.Length));
        _length += value.Length;
        return start;
    }

    /// <summary>
    /// Appends up to four pieces with one capacity check. A piece may be a slice of this arena: if the
    /// buffer grows, the slice still reads the old buffer, whose bytes are unchanged.
    /// </summary>
    /// <returns>Where the concatenation starts.</returns>
    public int AppendConcat(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, ReadOnlySpan<byte> third, ReadOnlySpan<byte> fourth)
    {
        var start = _length;
        var length = first.Length + second.Length + third.Length + fourth.Length;
        var span = GetSpan(length);
        first.CopyTo(span);
        var at = first.Length;
        second.CopyTo(span[at..]);
        at += second.Length;
        third.CopyTo(span[at..]);
        at += third.Length;
        fourth.CopyTo(span[at..]);
        _length = start + length;
        return start;
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_length + count > _buffer.Length)
        {
            throw new InvalidOperationException("Advanced past the end of the buffer.");
        }

        _length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_length);
    }

    private void Ensure(int sizeHint)
    {
        var needed = _length + Math.Max(sizeHint, 1);
        if (needed <= _buffer.Length)
        {
            return;
        }

        var size = Math.Max(needed, _buffer.Length * 2);
        Array.Resize(ref _buffer, size);
    }
}
