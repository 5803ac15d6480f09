namespace AlwaysConnected.Routing.Cli.CommandLine;

/// <summary>The help texts.</summary>
internal static class Usage
{
    public const string Explain = """
        usage: sip-route explain --message FILE (--dialplan FILE | --ars FILE | --config FILE)
                 [--source IP:PORT] [--transport UDP|TCP|TLS|WS|WSS] [--local IP[,IP...]]
                 [--now 2024-03-15T12:00:00] [--registered USER=CONTACT-URI]...
                 [--property NAME=VALUE]... [--json]
        """;

    public const string Validate = """
        usage: sip-route validate [FILE...] [--dialplan FILE]... [--ars FILE]... [--config FILE]... [--verbose]
          FILE is detected by content: JSON configuration, ARS text or dial plan text.
        """;

    public const string Convert = """
        usage: sip-route convert (FILE | --dialplan FILE | --ars FILE | --config FILE)...
                 [--to json|text] [--out FILE] [--dialplan-out FILE] [--ars-out FILE]
          Text rules become appsettings-style JSON (a "Routing" section); JSON becomes text.
        """;

    public const string All = $"""
        sip-route: dry-run tool for AlwaysConnected.Routing rules.

        {Explain}

        {Validate}

        {Convert}

        Exit codes: 0 = decision produced / files valid, 1 = routing ended in an error outcome,
                    2 = bad arguments or bad rules, 3 = the message did not parse.
        """;
}
