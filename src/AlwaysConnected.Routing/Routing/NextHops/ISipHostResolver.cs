using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace AlwaysConnected.Routing;

/// <summary>
/// Resolves a next hop's host name to an address (the host's DNS, a static map, service discovery).
/// IP literals never reach it: <see cref="NextHop.TryGetEndPoint"/> reads them itself.
/// </summary>
/// <remarks>Called on the host's packet path: answer from memory, and do any slow lookup ahead of time.</remarks>
public interface ISipHostResolver
{
    /// <summary>Resolves a host name.</summary>
    /// <param name="host">The name, as written in the next hop (ASCII; compare case-insensitively).</param>
    /// <param name="port">The hop's port; 0 when it names none (RFC 3263 then allows the resolver to choose one).</param>
    /// <param name="transport">The transport the hop asks for, or null.</param>
    /// <param name="endPoint">The address; a port of 0 means "the hop's port, else the transport's default".</param>
    /// <returns>False when the name is unknown.</returns>
    bool TryResolve(ReadOnlySpan<char> host, int port, SipTransport? transport, [NotNullWhen(true)] out IPEndPoint? endPoint);
}
