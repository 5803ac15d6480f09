using System.Text;
using AlwaysConnected.Routing.Collections;
using AlwaysConnected.Routing.DialPlan;
using AlwaysConnected.Routing.DialPlan.Text;
using static AlwaysConnected.Routing.Tests.DialPlan.Text.DialPlanTestData;

namespace AlwaysConnected.Routing.Tests.DialPlan.Text;

public class WriterTests
{
    [Fact]
    public void Writes_the_canonical_block_form()
    {
        var plan = Plan(
            [Rule("anti-spoofing", [M("$request", "^INVITE"), M("$localhost", "^false")], [D("$action", "603")], description: "no spoofing")],
            [
                Rule("forward", [M("$geturi(To)", "sip:(.+)@")], [D("To", "sip:%1@itsp.example"), D("X-PBX-Param", "")], disabled: true),
                Rule("allow", [M("$addr", "")], []),
            ]);

        DialPlanTextWriter.Write(plan).Should().Be(
            "[Preliminary Rule anti-spoofing]\n" +
            "description = no spoofing\n" +
            "[Matching Patterns]\n" +
            "$request = ^INVITE\n" +
            "$localhost = ^false\n" +
            "[Deploy Patterns]\n" +
            "$action = 603\n" +
            "\n" +
            "[Rule forward]\n" +
            "disabled = true\n" +
            "[Matching Patterns]\n" +
            "$geturi(To) = sip:(.+)@\n" +
            "[Deploy Patterns]\n" +
            "To = sip:%1@itsp.example\n" +
            "X-PBX-Param =\n" +
            "\n" +
            "[Rule allow]\n" +
            "[Matching Patterns]\n" +
            "$addr =\n" +
            "[Deploy Patterns]\n");
    }

    [Fact]
    public void The_empty_dial_plan_is_empty_text()
    {
        DialPlanTextWriter.Write(DialPlanDefinition.Empty).Should().BeEmpty();
    }

    [Fact]
    public void An_empty_description_survives_the_round_trip()
    {
        var plan = Plan(Rule("r", [M("A", "1")], [], description: ""));

        DialPlanTextReader.Parse(DialPlanTextWriter.Write(plan)).Should().Be(plan);
    }

    [Fact]
    public void Values_that_look_like_syntax_survive_the_round_trip()
    {
        var plan = Plan(Rule("tricky # = ( name",
            [
                M("X", "[Deploy Patterns]"),
                M("Y", "# not a comment"),
                M("Z", "=leading equals"),
                M("W", "a: <empty>"),
                M("$f(\"a=b\", (c))", "!(x)"),
            ],
            [D("X-PBX-Param", "<empty>"), D("description", "x"), D("V", "a  b\tc")]));

        DialPlanTextReader.Parse(DialPlanTextWriter.Write(plan)).Should().Be(plan);
    }

    [Fact]
    public void Generated_dial_plans_round_trip()
    {
        for (var seed = 1; seed <= 400; seed++)
        {
            var plan = new DialPlanGenerator(seed).Plan();
            var text = DialPlanTextWriter.Write(plan);

            DialPlanTextReader.TryParse(text, out var read, out var errors)
                .Should().BeTrue("seed {0} wrote:\n{1}\nerrors: {2}", seed, text, string.Join("; ", errors));
            read.Should().Be(plan, "seed {0} wrote:\n{1}", seed, text);
            DialPlanTextWriter.Write(read!).Should().Be(text, "the written form is canonical");
        }
    }

    /// <summary>Builds random but valid dial plans, biased towards characters the notation gives meaning to.</summary>
    private sealed class DialPlanGenerator(int seed)
    {
        private const string ValueAlphabet = "abcXYZ019 =()\"'#[]!%$&:<>\\^.*;,“”\t\u00a0-_@{}|?+";
        private const string IdentAlphabet = "abcdefghijXYZ019_.";
        private static readonly string[] FixedNames =
        [
            "To", "X-PBX-Param", "user-agent", "$request", "$geturi(To)", "$timerange(9:00, 17:00)",
            "$or(\"$transport=TCP\",\"$addrtype=6\")", "&pn.notify.user", "$registered( From )", "$ addr", "description",
        ];

        private static readonly string[] FixedValues = ["", "<empty>", "[Deploy Patterns]", "a=b", "sip:(.+)@", "!^true", "%{$getSIPuser(From)}"];

        private readonly Random _random = new(seed);
        private readonly HashSet<string> _ruleNames = new(StringComparer.Ordinal);

        public DialPlanDefinition Plan() =>
            new(Rules(_random.Next(0, 3)), Rules(_random.Next(0, 5)));

        private EquatableArray<DialPlanRule> Rules(int count) =>
            Enumerable.Range(0, count).Select(_ => Rule()).ToEquatableArray();

        private DialPlanRule Rule() => new(
            RuleName(),
            Enumerable.Range(0, _random.Next(1, 5)).Select(_ => new MatchingLine(EntryName(), Value())).ToEquatableArray(),
            Enumerable.Range(0, _random.Next(0, 4)).Select(_ => new DeployLine(EntryName(), Value())).ToEquatableArray(),
            _random.Next(3) == 0 ? Value() : null,
            _random.Next(4) == 0);

        private string RuleName()
        {
            while (true)
            {
                var name = _random.Next(4) == 0
                    ? $"rule-{_random.Next(1, 6)}"
                    : RandomText("abcXYZ019 -_.#=():", 1, 12).Trim();
                if (name.Length > 0 && _ruleNames.Add(name))
                {
                    return name;
                }
            }
        }

        private string EntryName() => _random.Next(4) switch
        {
            0 => FixedNames[_random.Next(FixedNames.Length)],
            1 => "X-" + RandomText("abcXYZ019-.!%*_+`'~", 1, 8),
            2 => "&" + RandomText(IdentAlphabet, 1, 10),
            _ => "$" + RandomText("abcxyz", 1, 1) + RandomText(IdentAlphabet, 0, 8) + Arguments(),
        };

        private string Arguments()
        {
            if (_random.Next(3) == 0)
            {
                return string.Empty;
            }

            var builder = new StringBuilder("(");
            for (var i = _random.Next(0, 4); i > 0; i--)
            {
                builder.Append(_random.Next(3) switch
                {
                    0 => "\"" + RandomText("ab= ()%1,", 0, 6) + "\"",
                    1 => "(" + RandomText("ab =,", 0, 4) + ")",
                    _ => RandomText("abTo 9:,.%&$", 1, 6),
                });
            }

            return builder.Append(')').ToString();
        }

        private string Value() =>
            _random.Next(4) == 0 ? FixedValues[_random.Next(FixedValues.Length)] : RandomText(ValueAlphabet, 0, 24).Trim();

        private string RandomText(string alphabet, int min, int max)
        {
            var length = _random.Next(min, max + 1);
            var chars = new char[length];
            for (var i = 0; i < length; i++)
            {
                chars[i] = alphabet[_random.Next(alphabet.Length)];
            }

            return new string(chars);
        }
    }
}
