using System.Globalization;
using System.Net;
using System.Text;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Ars.Registration;

/// <summary>
/// What a <see cref="RouteRegistration"/> means on the wire, read once: the account, the address of record,
/// the REGISTER's Request-URI and where to send it.
/// </summary>
internal sealed class RegistrationTarget
{
    private RegistrationTarget(string account, string addressOfRecord, string requestUri, string host, int port, bool secure)
    {
        Account = account;
        AddressOfRecord = addressOfRecord;
        RequestUri = requestUri;
        Host = host;
        Port = port;
        Secure = secure;
    }

    /// <summary>The account: the Register URI's user, else the registration's user.</summary>
    public string Account { get; }

    /// <summary>The address of record written in To and From, e.g. <c>sip:acct@itsp.example</c>.</summary>
    public string AddressOfRecord { get; }

    /// <summary>The REGISTER's Request-URI: the registrar's domain without user (RFC 3261 §10.2).</summary>
    public string RequestUri { get; }

    /// <summary>The host the REGISTER is sent to: the Proxy's, else the Register URI's (IPv6 without brackets).</summary>
    public string Host { get; }

    /// <summary>The port the REGISTER is sent to (5060, or 5061 for <c>sips:</c>, when not given).</summary>
    public int Port { get; }

    /// <summary>Whether the Register URI is a <c>sips:</c> URI.</summary>
    public bool Secure { get; }

    /// <summary>The registrar's address when its host is an IP literal; null for a host name.</summary>
    public IPAddress? Address => IPAddress.TryParse(Host, out var address) ? address : null;

    /// <summary>Reads a registration.</summary>
    /// <param name="registration">The route's registration.</param>
    /// <param name="target">The target, or null.</param>
    /// <param name="error">What is wrong, or null.</param>
    /// <returns>Whether the registration can be sent.</returns>
    public static bool TryCreate(RouteRegistration registration, out RegistrationTarget? target, out string? error)
    {
        ArgumentNullException.ThrowIfNull(registration);
        target = null;
        var registerUri = Encoding.UTF8.GetBytes(registration.RegisterUri);
        if (!SipUri.TryParse(registerUri, out var uri) || !uri.IsSip || uri.Host.IsEmpty)
        {
            error = $"Register URI '{registration.RegisterUri}' is not a sip: or sips: URI with a host.";
            return false;
        }

        string account;
        if (uri.HasUser && !uri.User.IsEmpty)
        {
            account = Encoding.UTF8.GetString(uri.User);
        }
        else if (registration.User is { } user)
        {
            account = user;
        }
        else
        {
            error = $"Register URI '{registration.RegisterUri}' names no account and the registration has no User.";
            return false;
        }

        if (account.AsSpan().IndexOfAny("<>\" \t\r\n\0@;:?") >= 0)
        {
            error = $"The account '{account}' cannot be written in a SIP URI.";
            return false;
        }

        var secure = uri.Kind == SipUriScheme.Sips;
        var scheme = secure ? "sips:" : "sip:";
        var hostText = Encoding.UTF8.GetString(uri.Host);
        var hostPort = uri.Port > 0 ? string.Create(CultureInfo.InvariantCulture, $"{hostText}:{uri.Port}") : hostText;
        var requestUri = scheme + hostPort;
        // URI parameters and headers of the Register URI name no part of the binding: the AOR is scheme, account and host.
        var addressOfRecord = $"{scheme}{account}@{hostPort}";

        var host = Unbracket(hostText);
        var port = uri.Port > 0 ? uri.Port : secure ? 5061 : 5060;
        if (registration.Proxy is { } proxy)
        {
            if (!TryReadHostPort(proxy, out var proxyHost, out var proxyPort))
            {
                error = $"Proxy '{proxy}' is not host[:port][;params] or a SIP URI.";
                return false;
            }

            host = proxyHost;
            port = proxyPort > 0 ? proxyPort : secure ? 5061 : 5060;
        }

        error = null;
        target = new RegistrationTarget(account, addressOfRecord, requestUri, host, port, secure);
        return true;
    }

    private static bool TryReadHostPort(string text, out string host, out int port)
    {
        host = "";
        port = -1;
        var bytes = Encoding.UTF8.GetBytes(text);
        ReadOnlySpan<byte> span = bytes;
        var isUri = text.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || text.StartsWith("sips:", StringComparison.OrdinalIgnoreCase);
        byte[] uriBytes;
        if (isUri)
        {
            uriBytes = bytes;
        }
        else
        {
            var semicolon = span.IndexOf((byte)';');
            uriBytes = [.. "sip:"u8, .. semicolon >= 0 ? span[..semicolon] : span];
        }

        if (!SipUri.TryParse(uriBytes, out var uri) || uri.Host.IsEmpty || (!isUri && uri.HasUser))
        {
            return false;
        }

        host = Unbracket(Encoding.UTF8.GetString(uri.Host));
        port = uri.Port;
        return true;
    }

    private static string Unbracket(string host) =>
        host.Length > 2 && host[0] == '[' && host[^1] == ']' ? host[1..^1] : host;
}
