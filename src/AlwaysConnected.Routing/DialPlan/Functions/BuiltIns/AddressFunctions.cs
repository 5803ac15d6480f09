using AlwaysConnected.Routing.Requests;
using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Numerics;
using AlwaysConnected.Routing.DialPlan.Evaluation;

namespace AlwaysConnected.Routing.DialPlan.Functions.BuiltIns;

/// <summary>
/// <c>$localhost</c>, <c>$outbound</c>, <c>$addrRange</c>, <c>$addrPrefix</c> (IPv4 and IPv6 CIDR),
/// <c>$globalAddr</c>, <c>$addrType</c>.
/// </summary>
internal static class AddressFunctions
{
    public static IEnumerable<DialPlanFunction> All()
    {
        yield return new("localhost", 0, 1, LocalHost);
        yield return new("outbound", 0, 0, Outbound);
        yield return new("addrRange", 2, 3, AddressRange);
        yield return new("addrPrefix", 1, 2, AddressPrefix);
        yield return new("globalAddr", 1, 1, GlobalAddress);
        yield return new("addrType", 0, 1, AddressType);
    }

    private static bool LocalHost(in DialPlanFunctionContext c, IBufferWriter<byte> result)
    {
        if (c.ArgumentCount == 0)
        {
            return ValueWriter.Boolean(result, AddressText.IsLocal(c.Routing.Source.Address, c.Services.LocalAddresses));
        }

        return c.TryGetArgument(0, out var value)
            && ValueWriter.Boolean(result, AddressText.IsLocalHost(AddressText.GetHost(value), c.Services));
    }

    // True when the destination (the Request-URI's host) is not this server.
    private static bool Outbound(in DialPlanFunctionContext c, IBufferWriter<byte> result) =>
        c.Message.IsRequest
        && RequestReader.TryGetHostPort(c.Message.RequestUri, out var host, out _)
        && ValueWriter.Boolean(result, !AddressText.IsLocalHost(AddressText.Unbracket(host), c.Services));

    private static bool AddressRange(in DialPlanFunctionContext c, IBufferWriter<byte> result)
    {
        if (!c.TryGetArgument(0, out var first) || !c.TryGetArgument(1, out var last)
            || !AddressText.TryParse(first, out var low) || !AddressText.TryParse(last, out var high)
            || !TryGetCheckedAddress(c, 2, out var check))
        {
            return false;
        }

        if (low!.AddressFamily != check.AddressFamily || high!.AddressFamily != check.AddressFamily)
        {
            return ValueWriter.Boolean(result, false);
        }

        var value = ToNumber(check);
        return ValueWriter.Boolean(result, value >= ToNumber(low) && value <= ToNumber(high));
    }

    private static bool AddressPrefix(in DialPlanFunctionContext c, IBufferWriter<byte> result)
    {
        if (!c.TryGetArgument(0, out var prefixText) || !TryGetCheckedAddress(c, 1, out var check))
        {
            return false;
        }

        var slash = prefixText.IndexOf((byte)'/');
        var networkText = slash >= 0 ? prefixText[..slash] : prefixText;
        if (!IPAddress.TryParse(networkText.Trim((byte)' '), out var network))
        {
            return false;
        }

        var bits = network.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var length = bits;
        if (slash >= 0)
        {
            if (!ValueWriter.TryParseInteger(prefixText[(slash + 1)..], out var parsed) || parsed < 0 || parsed > bits)
            {
                return false;
            }

            length = (int)parsed;
        }

        if (network.AddressFamily != check.AddressFamily)
        {
            return ValueWriter.Boolean(result, false);
        }

        var shift = bits - length;
        var matches = shift == bits || (ToNumber(network) >> shift) == (ToNumber(check) >> shift);
        return ValueWriter.Boolean(result, matches);
    }

    private static bool GlobalAddress(in DialPlanFunctionContext c, IBufferWriter<byte> result) =>
        c.TryGetArgument(0, out var value) && AddressText.TryParse(value, out var address)
        && ValueWriter.Boolean(result, AddressText.IsGlobal(address!));

    private static bool AddressType(in DialPlanFunctionContext c, IBufferWriter<byte> result)
    {
        // Without an argument: the source address (the vendor's `$or("$transport=TCP","$addrtype=6")`).
        if (!TryGetCheckedAddress(c, 0, out var address))
        {
            return false;
        }

        var isV4 = address.AddressFamily == AddressFamily.InterNetwork || address.IsIPv4MappedToIPv6;
        return ValueWriter.Bytes(result, isV4 ? "4"u8 : "6"u8);
    }

    /// <summary>The address to test: the argument at <paramref name="index"/> when given, else the source address.</summary>
    private static bool TryGetCheckedAddress(in DialPlanFunctionContext c, int index, out IPAddress address)
    {
        if (c.ArgumentCount > index)
        {
            address = IPAddress.None;
            if (!c.TryGetArgument(index, out var text) || !AddressText.TryParse(text, out var parsed))
            {
                return false;
            }

            address = parsed!;
        }
        else
        {
            address = c.Routing.Source.Address;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return true;
    }

    private static UInt128 ToNumber(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        UInt128 value = 0;
        for (var i = 0; i < written; i++)
        {
            value = (value << 8) | bytes[i];
        }

        return value;
    }
}
