using System.Buffers;

namespace AlwaysConnected.SipProxy.Proxy;

/// <summary>One positional edit of a message's bytes: replace <see cref="Length"/> bytes at <see cref="Offset"/> with <see cref="Insert"/>.</summary>
internal readonly record struct Splice(int Offset, int Length, byte[] Insert)
{
    /// <summary>Copies <paramref name="source"/> with the edits applied; edits must be sorted and not overlap.</summary>
    public static void Apply(ReadOnlySpan<byte> source, ReadOnlySpan<Splice> splices, IBufferWriter<byte> output)
    {
        var position = 0;
        foreach (var splice in splices)
        {
            output.Write(source[position..splice.Offset]);
            output.Write(splice.Insert);
            position = splice.Offset + splice.Length;
        }

        output.Write(source[position..]);
    }
}
