using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AlwaysConnected.Routing.Sip;

/// <summary>
/// Finds CR and LF bytes in increasing order. One 32-byte compare yields a bit mask that usually covers the end
/// of the current header line and the start of the next, so a typical line costs a mask lookup instead of a
/// library search call (whose fixed cost dominates on 30–60 byte lines).
/// </summary>
/// <remarks>Callers must ask for non-decreasing positions; each byte is then compared at most once, so the scan stays linear.</remarks>
internal ref struct SipLineBreakFinder
{
    private const int BlockSize = 32;
    private readonly ReadOnlySpan<byte> _text;
    private int _blockStart;
    private uint _mask;

    public SipLineBreakFinder(ReadOnlySpan<byte> text)
    {
        _text = text;
        _blockStart = int.MinValue / 2;
        _mask = 0;
    }

    /// <summary>The position of the first CR or LF at or after <paramref name="from"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int IndexFrom(int from)
    {
        int offset = from - _blockStart;
        if ((uint)offset < BlockSize)
        {
            uint remaining = _mask & (uint.MaxValue << offset);
            if (remaining != 0)
            {
                return _blockStart + BitOperations.TrailingZeroCount(remaining);
            }

            from = _blockStart + BlockSize;
        }

        return Scan(from);
    }

    private int Scan(int from)
    {
        var text = _text;
        if (Vector256.IsHardwareAccelerated)
        {
            var cr = Vector256.Create((byte)'\r');
            var lf = Vector256.Create((byte)'\n');
            while (from <= text.Length - BlockSize)
            {
                var block = Vector256.LoadUnsafe(ref Unsafe.AsRef(in text[from]));
                uint mask = (Vector256.Equals(block, cr) | Vector256.Equals(block, lf)).ExtractMostSignificantBits();
                if (mask != 0)
                {
                    _blockStart = from;
                    _mask = mask;
                    return from + BitOperations.TrailingZeroCount(mask);
                }

                from += BlockSize;
            }
        }

        if (from >= text.Length)
        {
            return -1;
        }

        int rel = text[from..].IndexOfAny((byte)'\r', (byte)'\n');
        return rel < 0 ? -1 : from + rel;
    }
}
