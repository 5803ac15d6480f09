using System.Net;
using System.Text;
using AlwaysConnected.Routing.Ars.Compilation;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Ars.Evaluation;

/// <summary>
/// Tells whether a request came from the trunk a route registers with (<see cref="ArsInboundSource.RegisteredTrunk"/>):
/// its source address is one of the registrar's, or its Request-URI user is the registered account. Allocates
/// nothing unless an explain trace is recorded.
/// </summary>
internal static class InboundSourceCheck
{
    /// <summary>The field name the explain trace shows.</summary>
    public const string FieldName = "Inbound Source";

    /// <summary>Tests the request of <paramref name="frame"/> and records the result in the trace, if any.</summary>
    /// <param name="trunk">The route's compiled condition.</param>
    /// <param name="frame">The evaluation.</param>
    /// <param name="resolver">Resolves a registrar named by a host name; null to recognise it by the account only.</param>
    /// <returns>Whether the request came from the registered trunk.</returns>
    public static bool Holds(RegisteredTrunkSource trunk, ref ArsFrame frame, ISipHostResolver? resolver)
    {
        var source = frame.Source;
        var holds = (source is not null && IsRegistrar(trunk, source.Address, resolver)) || RequestUriUserIs(frame.Message.RequestUri, trunk.Account);
        if (frame.Selection.Trace is { } trace)
        {
            var tested = $"source {source?.ToString() ?? "(none)"}, Request-URI {Encoding.UTF8.GetString(frame.Message.RequestUri)}";
            trace.Field(FieldName, trunk.Description, Encoding.UTF8.GetBytes(tested), isNull: false, holds);
        }

        return holds;
    }

    private static bool IsRegistrar(RegisteredTrunkSource trunk, IPAddress address, ISipHostResolver? resolver)
    {
        foreach (var registrar in trunk.Addresses)
        {
            if (SameAddress(address, registrar))
            {
                return true;
            }
        }

        if (resolver is null)
        {
            return false;
        }

        var names = trunk.HostNames;
        for (var i = 0; i < names.Length; i++)
        {
            if (resolver.TryResolve(names[i], trunk.HostPorts[i], null, out var resolved) && SameAddress(address, resolved.Address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Address equality that also holds between an IPv4 address and its IPv4-mapped IPv6 form, which a
    /// dual-mode socket reports for IPv4 peers.
    /// </summary>
    internal static bool SameAddress(IPAddress a, IPAddress b)
    {
        if (a.Equals(b))
        {
            return true;
        }

        var (mapped, plain) = a.IsIPv4MappedToIPv6 ? (a, b) : b.IsIPv4MappedToIPv6 ? (b, a) : (null, null);
        if (mapped is null || plain!.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            return false;
        }

        // The IPv4 address is the last four bytes of its mapped form.
        Span<byte> mappedBytes = stackalloc byte[16];
        Span<byte> plainBytes = stackalloc byte[4];
        return mapped.TryWriteBytes(mappedBytes, out _) && plain.TryWriteBytes(plainBytes, out _) && mappedBytes[12..].SequenceEqual(plainBytes);
    }

    // The user part is compared byte for byte, as written: RFC 3261 §19.1.4 compares it case-sensitively.
    private static bool RequestUriUserIs(ReadOnlySpan<byte> requestUri, ReadOnlySpan<byte> account) =>
        SipUri.TryParse(requestUri, out var uri) && uri.HasUser && uri.User.SequenceEqual(account);
}
