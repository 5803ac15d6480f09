using System.Net;

namespace AlwaysConnected.Routing.Cli.Explain;

/// <summary>
/// Whether a next hop is the host itself (loopback or one of its own addresses): in the Always
/// Connected flow, a dial plan decision that forwards there hands the request to the PBX core, so ARS runs next.
/// </summary>
internal static class LocalDestination
{
    public static bool IsLocal(string? destination, IReadOnlyCollection<IPAddress> localAddresses)
    {
        if (string.IsNullOrWhiteSpace(destination))
        {
            return false;
        }

        var host = HostOf(destination);
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host, out var address) && (IPAddress.IsLoopback(address) || localAddresses.Contains(address));
    }

    /// <summary>The host of <c>host[:port][;params]</c>, a SIP URI, or the first entry of a failover list.</summary>
    internal static string HostOf(string destination)
    {
        var text = destination.Split(',')[0].Trim().Trim('<', '>');
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && text[..colon] is var scheme && (scheme.Equals("sip", StringComparison.OrdinalIgnoreCase) || scheme.Equals("sips", StringComparison.OrdinalIgnoreCase)))
        {
            text = text[(colon + 1)..];
        }

        var at = text.LastIndexOf('@');
        if (at >= 0)
        {
            text = text[(at + 1)..];
        }

        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            return close > 0 ? text[1..close] : text;
        }

        var end = text.IndexOfAny([':', ';', '>', '?']);
        return end >= 0 ? text[..end] : text;
    }
}
