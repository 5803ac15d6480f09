using System.Net;
using AlwaysConnected.Routing.Cli.CommandLine;

namespace AlwaysConnected.Routing.Cli.Commands;

/// <summary>The arguments of <c>sip-route explain</c>, checked.</summary>
internal sealed class ExplainSettings
{
    public static readonly string[] ValueOptions = ["--message", "--dialplan", "--ars", "--config", "--source", "--transport", "--local", "--now", "--registered", "--property"];

    public static readonly string[] Flags = ["--json"];

    public required string MessagePath { get; init; }

    public string? DialPlanPath { get; init; }

    public string? ArsPath { get; init; }

    public string? ConfigPath { get; init; }

    public required IPEndPoint Source { get; init; }

    public SipTransport Transport { get; init; }

    public IReadOnlyList<IPAddress> LocalAddresses { get; init; } = [];

    public string? Now { get; init; }

    public IReadOnlyList<(string User, string Contact)> Registered { get; init; } = [];

    public IReadOnlyList<(string Name, string Value)> Properties { get; init; } = [];

    public bool Json { get; init; }

    public static ExplainSettings From(ParsedArguments args)
    {
        if (args.Positional.Count > 0)
        {
            throw new UsageException($"Unexpected argument '{args.Positional[0]}'.");
        }

        var message = args.GetSingle("--message") ?? throw new UsageException("--message FILE is required.");
        var dialPlan = args.GetSingle("--dialplan");
        var ars = args.GetSingle("--ars");
        var config = args.GetSingle("--config");
        if (dialPlan is null && ars is null && config is null)
        {
            throw new UsageException("Give the rules: --dialplan FILE, --ars FILE, or --config FILE.");
        }

        if (config is not null && (dialPlan is not null || ars is not null))
        {
            throw new UsageException("--config replaces --dialplan and --ars; give one or the other.");
        }

        return new ExplainSettings
        {
            MessagePath = message,
            DialPlanPath = dialPlan,
            ArsPath = ars,
            ConfigPath = config,
            Source = ParseSource(args.GetSingle("--source") ?? "127.0.0.1:5060"),
            Transport = ParseTransport(args.GetSingle("--transport") ?? "UDP"),
            LocalAddresses = [.. args.GetAll("--local").SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Select(ParseAddress)],
            Now = args.GetSingle("--now"),
            Registered = [.. args.GetAll("--registered").Select(v => SplitPair(v, "--registered", "USER=CONTACT-URI"))],
            Properties = [.. args.GetAll("--property").Select(v => SplitPair(v, "--property", "NAME=VALUE"))],
            Json = args.HasFlag("--json"),
        };
    }

    private static IPEndPoint ParseSource(string text)
    {
        if (IPAddress.TryParse(text, out var bare) && !text.StartsWith('['))
        {
            // An address without a port: the SIP default.
            return new IPEndPoint(bare, 5060);
        }

        return IPEndPoint.TryParse(text, out var endpoint)
            ? endpoint
            : throw new UsageException($"--source '{text}' is not IP:PORT (e.g. 127.0.0.1:5056 or [::1]:5060).");
    }

    private static SipTransport ParseTransport(string text) => text.ToUpperInvariant() switch
    {
        "UDP" => SipTransport.Udp,
        "TCP" => SipTransport.Tcp,
        "TLS" => SipTransport.Tls,
        "WS" => SipTransport.WS,
        "WSS" => SipTransport.Wss,
        _ => throw new UsageException($"--transport '{text}' is not one of UDP, TCP, TLS, WS, WSS."),
    };

    private static IPAddress ParseAddress(string text) =>
        IPAddress.TryParse(text, out var address) ? address : throw new UsageException($"--local '{text}' is not an IP address.");

    private static (string, string) SplitPair(string text, string option, string shape)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == text.Length - 1)
        {
            throw new UsageException($"{option} '{text}' is not {shape}.");
        }

        return (text[..equals].Trim(), text[(equals + 1)..].Trim());
    }
}
