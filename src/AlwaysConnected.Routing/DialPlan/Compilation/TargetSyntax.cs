namespace AlwaysConnected.Routing.DialPlan.Compilation;

/// <summary>Checks a <c>$target</c> value: <c>host[:port][;transport=x]</c>, a SIP URI, or a comma-separated list of them.</summary>
internal static class TargetSyntax
{
    public static bool IsValid(string value)
    {
        var items = value.Split(',', StringSplitOptions.TrimEntries);
        foreach (var item in items)
        {
            if (!IsValidItem(item))
            {
                return false;
            }
        }

        return items.Length > 0;
    }

    private static bool IsValidItem(string item)
    {
        if (item.Length == 0 || item.Any(c => c is ' ' or '\t' or '\r' or '\n' or '\0'))
        {
            return false;
        }

        if (item.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || item.StartsWith("sips:", StringComparison.OrdinalIgnoreCase))
        {
            return item.IndexOf(':', StringComparison.Ordinal) < item.Length - 1;
        }

        var hostPort = item.Split(';')[0];
        string host;
        string? port = null;
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = hostPort[1..close];
            if (close + 1 < hostPort.Length)
            {
                if (hostPort[close + 1] != ':')
                {
                    return false;
                }

                port = hostPort[(close + 2)..];
            }

            return System.Net.IPAddress.TryParse(host, out _) && (port is null || IsPort(port));
        }

        var colon = hostPort.IndexOf(':', StringComparison.Ordinal);
        host = colon >= 0 ? hostPort[..colon] : hostPort;
        port = colon >= 0 ? hostPort[(colon + 1)..] : null;
        return host.Length > 0
            && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
            && (port is null || IsPort(port));
    }

    private static bool IsPort(string text) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535;
}
