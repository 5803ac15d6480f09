using System.Globalization;
using System.Text;

namespace AlwaysConnected.Routing.Benchmarks;

/// <summary>
/// A carrier-style dial plan of N number-prefix rules, generated deterministically (the same N gives the same
/// bytes): rule <c>prefix-i</c> sends INVITEs whose To starts with the six-digit prefix <c>100000 + i</c> to one
/// of 16 gateways, keeping the rest of the number (<c>%1</c>). No prefix is a prefix of another, so exactly one
/// rule matches a number. Used by <see cref="LintBenchmarks"/> and written to files with
/// <c>--write-prefix-plan N DIR</c> for timing <c>sip-route</c> on them (benchmarks/lint-scale/run.sh).
/// </summary>
public static class PrefixRulePlan
{
    /// <summary>The command-line switch that writes a plan and a matching INVITE: <c>--write-prefix-plan N DIR</c>.</summary>
    public const string Switch = "--write-prefix-plan";

    /// <summary>The most rules the six-digit prefixes allow.</summary>
    public const int MaxRules = 900_000;

    /// <summary>The dial plan text of <paramref name="rules"/> rules.</summary>
    public static string Text(int rules)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rules);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rules, MaxRules);
        var text = new StringBuilder(rules * 140);
        for (var i = 0; i < rules; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"[Rule prefix-{i}]\n[Matching Patterns]\n$request = ^INVITE\nTo = ^<sip:{Prefix(i)}([0-9]+)@\n[Deploy Patterns]\nTo = sip:%1@gw{i % 16}.carrier.example\n\n");
        }

        return text.ToString();
    }

    /// <summary>An INVITE that only rule <c>prefix-<paramref name="rule"/></c> matches.</summary>
    public static string Invite(int rule)
    {
        var number = Prefix(rule) + "123456";
        return $"INVITE sip:{number}@sbc.example.net SIP/2.0\r\nVia: SIP/2.0/UDP 203.0.113.7:5060;branch=z9hG4bK-scale\r\nMax-Forwards: 70\r\n" +
            $"To: <sip:{number}@sbc.example.net>\r\nFrom: <sip:alice@example.com>;tag=a1\r\nCall-ID: scale-1@203.0.113.7\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
    }

    /// <summary>Writes <c>prefix-rules-N.txt</c> and <c>prefix-invite-N.sip</c> (matched by the last rule) into a folder.</summary>
    /// <param name="args">The arguments after the switch: the number of rules and the folder.</param>
    /// <returns>The exit code: 0, or 2 for bad arguments.</returns>
    public static int Write(string[] args)
    {
        if (args.Length != 2 || !int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var rules) || rules is < 1 or > MaxRules)
        {
            Console.Error.WriteLine($"usage: {Switch} N DIR  (1 <= N <= {MaxRules})");
            return 2;
        }

        Directory.CreateDirectory(args[1]);
        var name = rules.ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(args[1], $"prefix-rules-{name}.txt"), Text(rules));
        File.WriteAllText(Path.Combine(args[1], $"prefix-invite-{name}.sip"), Invite(rules - 1));
        return 0;
    }

    private static string Prefix(int rule) => (100_000 + rule).ToString(CultureInfo.InvariantCulture);
}
