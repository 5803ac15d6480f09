using System.Buffers;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Tests.Sip;

internal static class SipTestData
{
    public static byte[] Load(string relativePath) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", relativePath));

    public static byte[] Rfc4475(string name) => Load(Path.Combine("rfc4475", name + ".sip"));

    public static byte[] TypicalInvite() => Load("typical-invite.sip");

    public static string Text(ReadOnlySpan<byte> bytes) => System.Text.Encoding.UTF8.GetString(bytes);

    /// <summary>Parses a datagram and, if that succeeds, validates it; returns the first error (None when accepted).</summary>
    public static (OperationStatus Status, SipParseError Error) ParseAndValidate(byte[] data)
    {
        var index = new SipMessageIndex();
        var status = SipParser.TryParseDatagram(data, index, out var message);
        if (status != OperationStatus.Done)
        {
            return (status, index.Error);
        }

        SipMessageValidator.TryValidate(message, out var error);
        return (status, error);
    }

    /// <summary>Builds a multi-segment sequence from the given pieces (empty pieces allowed).</summary>
    public static ReadOnlySequence<byte> Segments(params byte[][] pieces)
    {
        if (pieces.Length == 1)
        {
            return new ReadOnlySequence<byte>(pieces[0]);
        }

        var first = new Segment(pieces[0], 0);
        var last = first;
        for (int i = 1; i < pieces.Length; i++)
        {
            last = last.Append(pieces[i]);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
