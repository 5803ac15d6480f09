using System.Net;
using System.Text;
using AlwaysConnected.Routing.Ars.Registration;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Ars.Compilation;

/// <summary>
/// What tells a request from a route's registered trunk apart, read once from its <see cref="RouteRegistration"/>:
/// the registrar's addresses (the Register URI's host and the Proxy) and the account the route registers.
/// </summary>
internal sealed class RegisteredTrunkSource
{
    private RegisteredTrunkSource(byte[] account, IPAddress[] addresses, string[] hostNames, int[] hostPorts, string description)
    {
        Account = account;
        Addresses = addresses;
        HostNames = hostNames;
        HostPorts = hostPorts;
        Description = description;
    }

    /// <summary>The registered account (the Register URI's user, else the registration's User), UTF-8.</summary>
    public byte[] Account { get; }

    /// <summary>The registrar's hosts written as IP literals.</summary>
    public IPAddress[] Addresses { get; }

    /// <summary>The registrar's hosts written as names, resolved per call through <see cref="ArsOptions.HostResolver"/>.</summary>
    public string[] HostNames { get; }

    /// <summary>The port of each entry of <see cref="HostNames"/> (0 when the text names none).</summary>
    public int[] HostPorts { get; }

    /// <summary>The condition as the explain trace shows it, e.g. <c>source 203.0.113.5 or Request-URI user acct</c>.</summary>
    public string Description { get; }

    /// <summary>Reads a route's registration.</summary>
    /// <param name="registration">The registration.</param>
    /// <param name="source">The compiled condition, or null.</param>
    /// <param name="error">Why the registration names no trunk, or null.</param>
    /// <returns>Whether the registration names an account and a registrar.</returns>
    public static bool TryCreate(RouteRegistration registration, out RegisteredTrunkSource? source, out string? error)
    {
        source = null;
        if (!RegistrationTarget.TryCreate(registration, out var target, out error))
        {
            return false;
        }

        // The registrar is where REGISTERs go (the Proxy, else the Register URI's host); a carrier also sends
        // calls from the Register URI's host when a Proxy is set, so both count.
        var hosts = new List<(string Host, int Port)> { (target!.Host, target.Port) };
        if (SipUri.TryParse(Encoding.UTF8.GetBytes(target.RequestUri), out var domain) && !domain.Host.IsEmpty)
        {
            var host = Encoding.UTF8.GetString(domain.Host);
            hosts.Add((host.Length > 2 && host[0] == '[' && host[^1] == ']' ? host[1..^1] : host, domain.Port > 0 ? domain.Port : 0));
        }

        var addresses = new List<IPAddress>();
        var names = new List<string>();
        var ports = new List<int>();
        foreach (var (host, port) in hosts)
        {
            if (IPAddress.TryParse(host, out var address))
            {
                if (!addresses.Contains(address))
                {
                    addresses.Add(address);
                }
            }
            else if (!names.Contains(host, StringComparer.OrdinalIgnoreCase))
            {
                names.Add(host);
                ports.Add(port);
            }
        }

        var description = $"source {string.Join(" or ", addresses.Select(a => a.ToString()).Concat(names))} or Request-URI user {target.Account}";
        source = new RegisteredTrunkSource(Encoding.UTF8.GetBytes(target.Account), [.. addresses], [.. names], [.. ports], description);
        return true;
    }
}
