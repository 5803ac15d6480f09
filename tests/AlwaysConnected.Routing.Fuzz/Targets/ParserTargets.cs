using System.Buffers;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Fuzz.Targets;

/// <summary>The message parser: datagram framing, stream framing, and everything readable after a parse.</summary>
internal static class ParserTargets
{
    [ThreadStatic]
    private static SipMessageIndex? s_index;

    [ThreadStatic]
    private static SipMessageIndex? s_otherIndex;

    private static SipMessageIndex Index => s_index ??= new SipMessageIndex();

    private static SipMessageIndex OtherIndex => s_otherIndex ??= new SipMessageIndex();

    /// <summary>Parses a datagram, then reads every header with the typed readers.</summary>
    public static void Datagram(ReadOnlySpan<byte> input)
    {
        var index = Index;
        var status = SipParser.TryParseDatagram(input, index, out var message);
        FuzzInvariantException.Check(status is OperationStatus.Done or OperationStatus.InvalidData, "a datagram never needs more data");
        CheckResult(status, index, input.Length);
        if (status == OperationStatus.Done)
        {
            FuzzInvariantException.Check(message.Body.Length <= input.Length, "the body lies inside the datagram");
            message.TryValidate(out _);
        }

        ReadEverything(message);
    }

    /// <summary>
    /// Parses the input as a stream in one segment and cut into segments at places taken from the input itself:
    /// both must agree on the status, the message bytes and how much was consumed.
    /// </summary>
    public static void Stream(ReadOnlySpan<byte> input)
    {
        var data = input.ToArray();
        var whole = new ReadOnlySequence<byte>(data);
        var index = Index;
        var status = SipParser.TryParseStream(whole, index, out var message, out var consumed);
        CheckResult(status, index, data.Length);
        long consumedWhole = whole.Slice(0, consumed).Length;
        byte[] messageWhole = message.Span.ToArray();
        var errorWhole = index.Error;

        // The message is documented as readable after Success and Error; after NeedMoreData it is not
        // (see Hardening/KnownBugTests: its accessors throw).
        if (status != OperationStatus.NeedMoreData)
        {
            ReadEverything(message);
        }

        var chunked = ChunkedSequence.Create(data, CutsFrom(data));
        var other = OtherIndex;
        var chunkedStatus = SipParser.TryParseStream(chunked, other, out var chunkedMessage, out var chunkedConsumed);
        FuzzInvariantException.Check(chunkedStatus == status, $"segmentation changed the status: {status} whole, {chunkedStatus} in segments");
        FuzzInvariantException.Check(chunked.Slice(0, chunkedConsumed).Length == consumedWhole, "segmentation changed how much was consumed");
        if (status == OperationStatus.Done)
        {
            FuzzInvariantException.Check(chunkedMessage.Span.SequenceEqual(messageWhole), "segmentation changed the message");
        }

        if (status == OperationStatus.InvalidData)
        {
            FuzzInvariantException.Check(other.Error.Code == errorWhole.Code, $"segmentation changed the error: {errorWhole.Code} whole, {other.Error.Code} in segments");
        }
    }

    private static int[] CutsFrom(byte[] data)
    {
        if (data.Length < 2)
        {
            return [];
        }

        // The first bytes steer where the cuts fall, so the fuzzer can explore segmentation too.
        int count = 1 + (data[0] % 4);
        var cuts = new SortedSet<int>();
        for (int i = 0; i < count; i++)
        {
            int steer = data[(i + 1) % data.Length] * 257 + i * 7919;
            cuts.Add(1 + (steer % (data.Length - 1)));
        }

        return [.. cuts];
    }

    private static void CheckResult(OperationStatus status, SipMessageIndex index, int length)
    {
        if (status == OperationStatus.InvalidData)
        {
            FuzzInvariantException.Check(index.Error.IsError, "an Error status carries an error code");
            FuzzInvariantException.Check(index.Error.Offset >= 0 && index.Error.Offset <= length, $"the error offset {index.Error.Offset} lies inside the input ({length} bytes)");
            _ = index.Error.GetDescription();
        }
    }

    /// <summary>Reads what a host may read after a parse (also after an error), through every typed reader.</summary>
    internal static void ReadEverything(SipMessage message)
    {
        _ = message.StartLine.Length + message.RequestUri.Length + message.Body.Length;
        if (message.RequestUri.Length > 0)
        {
            ReaderTargets.ReadUri(message.RequestUri);
        }

        for (int i = 0; i < message.HeaderCount; i++)
        {
            var header = message.GetHeader(i);
            _ = message.GetName(header);
            var value = message.GetValue(header);
            ReaderTargets.ReadValue(header.Id, value);
        }

        foreach (var value in message.EnumerateValues(SipHeaderId.Via))
        {
            ReaderTargets.ReadVia(value);
        }

        foreach (var value in message.EnumerateValues(SipHeaderId.Contact))
        {
            ReaderTargets.ReadNameAddress(value);
        }
    }
}
