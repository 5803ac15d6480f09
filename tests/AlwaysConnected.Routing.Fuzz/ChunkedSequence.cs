using System.Buffers;

namespace AlwaysConnected.Routing.Fuzz;

/// <summary>Builds a multi-segment <see cref="ReadOnlySequence{T}"/> so stream parsing sees data the way a socket delivers it.</summary>
internal sealed class ChunkedSequence : ReadOnlySequenceSegment<byte>
{
    private ChunkedSequence(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    /// <summary>Cuts <paramref name="data"/> at the given ascending offsets (empty segments included, as sockets can deliver them).</summary>
    public static ReadOnlySequence<byte> Create(byte[] data, IReadOnlyList<int> cuts)
    {
        var first = new ChunkedSequence(data.AsMemory(0, cuts.Count == 0 ? data.Length : cuts[0]), 0);
        var last = first;
        for (int i = 0; i < cuts.Count; i++)
        {
            int start = cuts[i];
            int end = i + 1 < cuts.Count ? cuts[i + 1] : data.Length;
            var next = new ChunkedSequence(data.AsMemory(start, end - start), start);
            last.Next = next;
            last = next;
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
