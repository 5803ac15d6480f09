using AlwaysConnected.Routing.Requests;
using System.Buffers;
using AlwaysConnected.Routing;

namespace AlwaysConnected.Routing.DialPlan.Functions.BuiltIns;

/// <summary><c>$request</c>, <c>$addr</c>, <c>$port</c>, <c>$addrPort</c>, <c>$transport</c>, <c>$sid</c>.</summary>
internal static class RequestFunctions
{
    public static IEnumerable<DialPlanFunction> All()
    {
        yield return new("request", 0, 0, Request);
        yield return new("addr", 0, 0, Address);
        yield return new("port", 0, 0, Port);
        yield return new("addrPort", 0, 0, AddressAndPort);
        yield return new("transport", 0, 0, Transport);
        yield return new("sid", 0, 0, SessionId);
    }

    private static bool Request(in DialPlanFunctionContext c, IBufferWriter<byte> result) =>
        c.Message.IsRequest && ValueWriter.Bytes(result, c.Message.StartLine);

    private static bool Address(in DialPlanFunctionContext c, IBufferWriter<byte> result) =>
        WriteAddress(c.Routing, result);

    private static bool Port(in DialPlanFunctionContext c, IBufferWriter<byte> result) =>
        ValueWriter.Integer(result, c.Routing.Source.Port);

    private static bool AddressAndPort(in DialPlanFunctionContext c, IBufferWriter<byte> result)
    {
        var isV6 = c.Routing.Source.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !c.Routing.Source.Address.IsIPv4MappedToIPv6;
        if (isV6)
        {
            result.Write("["u8);
        }

        WriteAddress(c.Routing, result);
        result.Write(isV6 ? "]:"u8 : ":"u8);
        return ValueWriter.Integer(result, c.Routing.Source.Port);
    }

    private static bool Transport(in DialPlanFunctionContext c, IBufferWriter<byte> result) =>
        ValueWriter.Bytes(result, c.Routing.Transport switch
        {
            SipTransport.Tcp => "TCP"u8,
            SipTransport.Tls => "TLS"u8,
            SipTransport.WS => "WS"u8,
            SipTransport.Wss => "WSS"u8,
            _ => "UDP"u8,
        });

    // The vendor's $sid is an internal session number used for odd/even balancing. A stateless
    // router has no session table, so it is derived from the Call-ID: stable for a call, spread evenly.
    private static bool SessionId(in DialPlanFunctionContext c, IBufferWriter<byte> result)
    {
        if (!c.Message.TryGetHeader(Sip.SipHeaderId.CallId, out var callId))
        {
            return false;
        }

        // FNV-1a: tiny, allocation-free and good enough to spread Call-IDs over odd and even.
        var hash = 2166136261u;
        foreach (var b in c.Message.GetValue(callId))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return ValueWriter.Integer(result, hash & 0x7FFFFFFF);
    }

    internal static bool WriteAddress(in RoutingContext routing, IBufferWriter<byte> result)
    {
        var span = result.GetSpan(64);
        var address = routing.Source.Address;
        if (address.IsIPv4MappedToIPv6)
        {
            // Written as the IPv4 address a rule author expects (`$addr = ^192\.168\.`).
            address.MapToIPv4().TryFormat(span, out var mapped);
            result.Advance(mapped);
            return true;
        }

        address.TryFormat(span, out var written);
        result.Advance(written);
        return true;
    }
}
