using System.CommandLine;
using System.Net;
using AlwaysConnected.Routing.Cli.CommandLine;

namespace AlwaysConnected.Routing.Cli.Commands;

/// <summary>The options of <c>sip-route explain</c>, and the values a parsed command line gives them.</summary>
internal sealed class ExplainSettings
{
    public required string MessagePath { get; init; }

    public string? DialPlanPath { get; init; }

    public string? ArsPath { get; init; }

    public string? ConfigPath { get; init; }

    public required IPEndPoint Source { get; init; }

    public SipTransport Transport { get; init; }

    public IReadOnlyList<IPAddress> LocalAddresses { get; init; } = [];

    public string? Now { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Registered { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Properties { get; init; } = [];

    public bool Json { get; init; }

    public bool FixContentLength { get; init; }

    /// <summary>The option definitions; one set per command tree.</summary>
    internal sealed class Options
    {
        public Option<string> Message { get; } = new("--message") { Description = "The SIP request as it would arrive (a file; LF line ends are accepted).", HelpName = "FILE", Required = true };

        public Option<string> DialPlan { get; } = new("--dialplan") { Description = "Dial plan rules in the vendor text notation.", HelpName = "FILE" };

        public Option<string> Ars { get; } = new("--ars") { Description = "ARS routes in the vendor text notation.", HelpName = "FILE" };

        public Option<string> Config { get; } = new("--config") { Description = "An appsettings-style JSON file with a Routing section (replaces --dialplan and --ars).", HelpName = "FILE" };

        public Option<IPEndPoint> Source { get; } = new("--source")
        {
            Description = "Where the request came from, IP:PORT (IPv6 in brackets: [::1]:5060).",
            HelpName = "IP:PORT",
            CustomParser = OptionValues.EndPoint!,
            DefaultValueFactory = _ => new IPEndPoint(IPAddress.Loopback, 5060),
        };

        public Option<SipTransport> Transport { get; } = new("--transport")
        {
            Description = "The transport it came over. Default UDP.",
            HelpName = "UDP|TCP|TLS|WS|WSS",
            CustomParser = OptionValues.Transport,
        };

        public Option<IReadOnlyList<IPAddress>> Local { get; } = new("--local")
        {
            Description = "The server's own addresses (loopback is always local); comma-separated or repeated.",
            HelpName = "IP[,IP...]",
            CustomParser = OptionValues.Addresses,
            AllowMultipleArgumentsPerToken = false,
            Arity = ArgumentArity.ZeroOrMore,
        };

        public Option<string> Now { get; } = new("--now")
        {
            Description = "The clock, in the rules' local time (an offset such as +09:00 sets their zone). Default: now.",
            HelpName = "2024-03-15T12:00:00",
            CustomParser = OptionValues.Clock!,
        };

        public Option<IReadOnlyList<KeyValuePair<string, string>>> Registered { get; } = new("--registered")
        {
            Description = "A registrar entry visible to $registered, $regUri and To = sip:user@; repeatable.",
            HelpName = "USER=CONTACT-URI",
            CustomParser = r => OptionValues.Pairs(r, "USER=CONTACT-URI"),
            Arity = ArgumentArity.ZeroOrMore,
        };

        public Option<IReadOnlyList<KeyValuePair<string, string>>> Property { get; } = new("--property")
        {
            Description = "A per-call property visible to the ARS prop plug-in; repeatable.",
            HelpName = "NAME=VALUE",
            CustomParser = r => OptionValues.Pairs(r, "NAME=VALUE"),
            Arity = ArgumentArity.ZeroOrMore,
        };

        public Option<bool> Json { get; } = new("--json") { Description = "Machine output: exactly one JSON object on stdout (docs/cli.md)." };

        public Option<bool> FixContentLength { get; } = new("--fix-content-length")
        {
            Description = "Set Content-Length to the body's length as saved (for a message saved with LF line ends whose body shrank).",
        };

        public IEnumerable<Option> All => [Message, DialPlan, Ars, Config, Source, Transport, Local, Now, Registered, Property, Json, FixContentLength];

        /// <summary>The rules must come from somewhere, and <c>--config</c> replaces the two text files.</summary>
        public void Validate(System.CommandLine.Parsing.CommandResult result)
        {
            var given = (DialPlan: result.GetResult(DialPlan) is not null, Ars: result.GetResult(Ars) is not null, Config: result.GetResult(Config) is not null);
            if (!given.DialPlan && !given.Ars && !given.Config)
            {
                result.AddError("Give the rules: --dialplan FILE, --ars FILE, or --config FILE.");
            }
            else if (given.Config && (given.DialPlan || given.Ars))
            {
                result.AddError("--config replaces --dialplan and --ars; give one or the other.");
            }
        }

        public ExplainSettings Read(ParseResult parse) => new()
        {
            MessagePath = parse.GetRequiredValue(Message),
            DialPlanPath = parse.GetValue(DialPlan),
            ArsPath = parse.GetValue(Ars),
            ConfigPath = parse.GetValue(Config),
            Source = parse.GetRequiredValue(Source),
            Transport = parse.GetValue(Transport),
            LocalAddresses = parse.GetValue(Local) ?? [],
            Now = parse.GetValue(Now),
            Registered = parse.GetValue(Registered) ?? [],
            Properties = parse.GetValue(Property) ?? [],
            Json = parse.GetValue(Json),
            FixContentLength = parse.GetValue(FixContentLength),
        };
    }
}
