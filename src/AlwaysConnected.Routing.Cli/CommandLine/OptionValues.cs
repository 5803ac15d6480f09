using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AlwaysConnected.Routing.Cli.CommandLine;

/// <summary>Parsers for option values: each turns one token into its value or adds an error that says what was expected.</summary>
internal static class OptionValues
{
    /// <summary>
    /// <c>IP:PORT</c>, IPv6 in brackets (<c>[::1]:5060</c>). The port is required: a default port would
    /// silently change what <c>$port</c> rules see.
    /// </summary>
    public static IPEndPoint? EndPoint(ArgumentResult result)
    {
        var option = OptionName(result);
        var text = result.Tokens[0].Value;
        if (IPAddress.TryParse(text, out var bare) && !text.StartsWith('['))
        {
            result.AddError(bare.AddressFamily == AddressFamily.InterNetworkV6
                ? $"{option} '{text}' reads as an IPv6 address without a port: write the address in brackets, then the port, e.g. [::1]:5060."
                : $"{option} '{text}' has no port: give IP:PORT, e.g. {text}:5060 ($port rules see the port).");
            return null;
        }

        if (!IPEndPoint.TryParse(text, out var endpoint) || endpoint.Port == 0 || !HasPort(text))
        {
            result.AddError($"{option} '{text}' is not IP:PORT (e.g. 127.0.0.1:5056, or [::1]:5060 for IPv6).");
            return null;
        }

        return endpoint;
    }

    /// <summary>One transport name, in any case.</summary>
    public static SipTransport Transport(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        switch (text.ToUpperInvariant())
        {
            case "UDP": return SipTransport.Udp;
            case "TCP": return SipTransport.Tcp;
            case "TLS": return SipTransport.Tls;
            case "WS": return SipTransport.WS;
            case "WSS": return SipTransport.Wss;
            default:
                result.AddError($"{OptionName(result)} '{text}' is not one of UDP, TCP, TLS, WS, WSS.");
                return SipTransport.Udp;
        }
    }

    /// <summary>IP addresses, comma-separated, the option repeatable.</summary>
    public static IReadOnlyList<IPAddress> Addresses(ArgumentResult result)
    {
        var addresses = new List<IPAddress>();
        foreach (var token in result.Tokens)
        {
            foreach (var part in token.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (IPAddress.TryParse(part, out var address))
                {
                    addresses.Add(address);
                }
                else
                {
                    result.AddError($"{OptionName(result)} '{part}' is not an IP address.");
                }
            }
        }

        return addresses;
    }

    /// <summary><c>NAME=VALUE</c> pairs, the option repeatable.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Pairs(ArgumentResult result, string shape)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var token in result.Tokens)
        {
            var text = token.Value;
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == text.Length - 1)
            {
                result.AddError($"{OptionName(result)} '{text}' is not {shape}.");
                continue;
            }

            pairs.Add(new(text[..equals].Trim(), text[(equals + 1)..].Trim()));
        }

        return pairs;
    }

    /// <summary>A date and time for <c>--now</c>.</summary>
    public static string? Clock(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
        {
            result.AddError($"{OptionName(result)} '{text}' is not a date and time such as 2024-03-15T12:00:00.");
        }

        return text;
    }

    /// <summary>
    /// File arguments accept any word, so a mistyped option would be read as a file name: a word that
    /// starts with <c>--</c> and names no file is reported as the unknown option it is.
    /// </summary>
    public static void NoUnknownOptions(CommandResult result, System.CommandLine.Argument files)
    {
        foreach (var token in result.GetResult(files)?.Tokens ?? [])
        {
            if (token.Value.StartsWith("--", StringComparison.Ordinal) && !File.Exists(token.Value))
            {
                result.AddError($"Unrecognized command or argument '{token.Value}'.");
            }
        }
    }

    private static bool HasPort(string text)
    {
        var colon = text.LastIndexOf(':');
        var bracket = text.LastIndexOf(']');
        return colon > bracket && colon < text.Length - 1;
    }

    private static string OptionName(ArgumentResult result) =>
        result.Parent is OptionResult option ? option.IdentifierToken?.Value ?? option.Option.Name : "value";
}
