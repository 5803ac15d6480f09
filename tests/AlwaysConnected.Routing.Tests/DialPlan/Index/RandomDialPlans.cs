using AlwaysConnected.Routing.Collections;
using AlwaysConnected.Routing.DialPlan;
using AlwaysConnected.Routing.Tests.Support;

namespace AlwaysConnected.Routing.Tests.DialPlan.Index;

/// <summary>
/// Random rule sets and requests over a tiny alphabet, so that prefixes collide often: anchored
/// literals (indexable), negated, unanchored and alternation patterns, lines on headers, the
/// request line, functions (with and without arguments) and environment variables, disabled rules and <c>$continue</c> chains
/// whose deploys edit the very headers later rules are keyed on.
/// </summary>
internal sealed class RandomDialPlans(int seed)
{
    private static readonly string[] Headers = ["X-A", "X-B", "Subject"];
    private static readonly string[] Values = ["a", "ab", "abc", "b", "ba", "bab", "c"];
    private static readonly string[] Patterns =
        ["^a", "^ab", "^abc$", "^b", "^ba", "^c$", "!^a", "!^b", "b", "a$", "^(a)b", "^(ab|abc)", "^a|^b", ".*", "^a.*c", "^$", "^(b+)"];

    private readonly Random _random = new(seed);

    public DialPlanDefinition Plan(int ruleCount)
    {
        var preliminary = new List<DialPlanRule>();
        var rules = new List<DialPlanRule>();
        for (var i = 0; i < ruleCount; i++)
        {
            var rule = new DialPlanRule(
                $"r{i}",
                Enumerable.Range(0, _random.Next(1, 4)).Select(_ => MatchingLine()).ToEquatableArray(),
                Enumerable.Range(0, _random.Next(0, 4)).Select(_ => DeployLine()).ToEquatableArray(),
                disabled: _random.Next(8) == 0);
            (_random.Next(5) == 0 ? preliminary : rules).Add(rule);
        }

        return new DialPlanDefinition(preliminary.ToEquatableArray(), rules.ToEquatableArray());
    }

    public byte[] Request()
    {
        var method = Pick(["INVITE", "OPTIONS", "MESSAGE"]);
        var headers = new List<(string, string)> { ("To", "<sip:1000@pbx.example.com>"), ("From", "<sip:a@example.com>;tag=1") };
        foreach (var header in Headers)
        {
            if (_random.Next(4) != 0)
            {
                headers.Add((header, Pick(Values)));
            }
        }

        return TestRequest.Build(method, "sip:1000@pbx.example.com", headers);
    }

    private MatchingLine MatchingLine() => _random.Next(11) switch
    {
        3 => new MatchingLine(Pick(["$transport", "$port", "$localhost"]), Pick(["^UDP", "^5060$", "^true", "^false", "!^TCP"])),
        0 => new MatchingLine("$request", Pick(["^INVITE", "^OPTIONS", "^MESSAGE sip:", "!^INVITE", "^INV"])),
        1 => new MatchingLine("&env.x", Pick(Patterns)),
        2 => new MatchingLine("$geturi(To)", Pick(["^sip:1000@", "^sip:2", "1000", "!^sip:1"])),
        _ => new MatchingLine(Pick(Headers), Pick(Patterns)),
    };

    private DeployLine DeployLine() => _random.Next(8) switch
    {
        0 or 1 => new DeployLine("$continue", "true"),
        2 => new DeployLine(Pick(Headers), Pick(Values)),
        3 => new DeployLine(Pick(Headers), string.Empty),
        4 => new DeployLine("&env.x", Pick(Values)),
        5 => new DeployLine("$target", $"gw{_random.Next(5)}.example.com"),
        6 => new DeployLine("$action", Pick(["486", "603", "block"])),
        _ => new DeployLine("X-Note", "%{$request}"),
    };

    private string Pick(string[] choices) => choices[_random.Next(choices.Length)];
}
