using System.Text;
using AlwaysConnected.Routing.Patterns;

namespace AlwaysConnected.Routing.Tests.Patterns;

/// <summary>
/// Each specialised shape must give exactly the result and captures of .NET's backtracking regex on the
/// same (hand-written .NET) pattern, over fixed and pseudo-random values.
/// </summary>
public class SpecialisedShapeDifferentialTests
{
    // (pattern as written in the dial plan, the same pattern in .NET syntax, expected engine)
    public static TheoryData<string, string, string> Shapes => new()
    {
        { "", "", nameof(PatternEngine.Always) },
        { ".*", ".*", nameof(PatternEngine.Always) },
        { "^", "^", nameof(PatternEngine.Always) },
        { "INVITE", "INVITE", nameof(PatternEngine.Literal) },
        { "192\\.168\\.", "192\\.168\\.", nameof(PatternEngine.Literal) },
        { "sip:admin@", "sip:admin@", nameof(PatternEngine.Literal) },
        { "^INVITE", "^INVITE", nameof(PatternEngine.Prefix) },
        { "^true", "^true", nameof(PatternEngine.Prefix) },
        { "^192\\.168\\.2\\.", "^192\\.168\\.2\\.", nameof(PatternEngine.Prefix) },
        { "/01$", "/01\\z", nameof(PatternEngine.Suffix) },
        { "^5056$", "^5056\\z", nameof(PatternEngine.Exact) },
        { "^pin$", "^pin\\z", nameof(PatternEngine.Exact) },
        { "^$", "^\\z", nameof(PatternEngine.Exact) },
        { "^(INVITE|MESSAGE)", "^(INVITE|MESSAGE)", nameof(PatternEngine.LiteralAlternation) },
        { "^(?:IN|INVITE)$", "^(?:IN|INVITE)\\z", nameof(PatternEngine.LiteralAlternation) },
        { "friendly-scanner|sipcli|sipvicious", "friendly-scanner|sipcli|sipvicious", nameof(PatternEngine.LiteralAlternation) },
        { "(ab|a)$", "(ab|a)\\z", nameof(PatternEngine.LiteralAlternation) },
        { "(a|ab)", "(a|ab)", nameof(PatternEngine.LiteralAlternation) },
        { "sip:(.+)@", "sip:(.+)@", nameof(PatternEngine.Sequence) },
        { "sip:(.*)@", "sip:(.*)@", nameof(PatternEngine.Sequence) },
        { "sip:([0-9]{10,20})@", "sip:([0-9]{10,20})@", nameof(PatternEngine.Sequence) },
        { "sip:(\\d+)@", "sip:([0-9]+)@", nameof(PatternEngine.Sequence) },
        { "sip:([^@]+)@", "sip:([^@]+)@", nameof(PatternEngine.Sequence) },
        { "sip:9(.*)@", "sip:9(.*)@", nameof(PatternEngine.Sequence) },
        { "sip:(81|0)x", "sip:(81|0)x", nameof(PatternEngine.RegexNonBacktracking) },
        { "^9(.*)", "^9(.*)", nameof(PatternEngine.Sequence) },
        { "(.+)", "(.+)", nameof(PatternEngine.Sequence) },
        { "^(.+)$", "^(.+)\\z", nameof(PatternEngine.Sequence) },
        { "([0-9]{3,5})", "([0-9]{3,5})", nameof(PatternEngine.Sequence) },
        { "^([0-9]{3})$", "^([0-9]{3})\\z", nameof(PatternEngine.Sequence) },
        { "\\d{3}-\\d{4}", "[0-9]{3}-[0-9]{4}", nameof(PatternEngine.Sequence) },
        { "^1[23]:", "^1[23]:", nameof(PatternEngine.Sequence) },
        { "^0[0-7]:", "^0[0-7]:", nameof(PatternEngine.Sequence) },
        { "[0369]$", "[0369]\\z", nameof(PatternEngine.Sequence) },
        { "^[0-5]$", "^[0-5]\\z", nameof(PatternEngine.Sequence) },
        { "@gw1[ >;]*", "@gw1[ >;]*", nameof(PatternEngine.Literal) },
        { "to=sip:(.+)@gw1[ >;]*", "to=sip:(.+)@gw1[ >;]*", nameof(PatternEngine.Sequence) },
        { "^(\\d+)x*", "^([0-9]+)x*", nameof(PatternEngine.Sequence) },
        { "^a*", "^a*", nameof(PatternEngine.Always) },
        { "sip:(.+)[ >;]*", "sip:(.+)[ >;]*", nameof(PatternEngine.Sequence) },
        { "sip:(.+)@(.+)", "sip:(.+)@(.+)", nameof(PatternEngine.RegexNonBacktracking) },
        { "a.*b", "a.*b", nameof(PatternEngine.Sequence) },
        { "a+b", "a+b", nameof(PatternEngine.Sequence) },
        { "\\d+5", "[0-9]+5", nameof(PatternEngine.Sequence) },
        { "x\\d*$", "x[0-9]*\\z", nameof(PatternEngine.Sequence) },
        { "^(sip):((\\d{2})x)", "^(sip):(([0-9]{2})x)", nameof(PatternEngine.Sequence) },
        { "(a)(b)?", "(a)(b)?", nameof(PatternEngine.RegexNonBacktracking) },
        { ".+", ".+", nameof(PatternEngine.Sequence) },
        { "é(.+)ü", "é(.+)ü", nameof(PatternEngine.Sequence) },
        { "^a?b", "^a?b", nameof(PatternEngine.Sequence) },
    };

    private static readonly string[] FixedValues =
    [
        "", "INVITE sip:alice@example.com SIP/2.0", "MESSAGE sip:bob@x SIP/2.0", "IN", "INVITE", "REGISTER",
        "true", "false", "5056", "50560", "pin", "pin ", "192.168.2.10", "10.192.168.1", "2003/12/01",
        "sip:09012345678@pbx.local", "\"Admin\" <sip:admin@host>;tag=1", "sip:12345@a@b", "sip:@x",
        "sip:1234567890123456789012@x", "sip:123456789@x", "sip:9555@gw1>;tag=abc", "sip:9@x",
        "<sip:日本語@例え.jp>", "sip:é@x sip:12345678901@y", "friendly-scanner", "x sipcli y", "ab", "a", "b",
        "12:30:00", "07:59:59", "15:02:33", "5", "6", "123-4567", "12-34567", "x123", "x12a",
        "a\nb", "sip:ab\n@c", "sip:\n12345678901@", "aaab", "ba", "1115", "55", "sip:12x", "éabcü", "éü",
        "@gw1 ; x", "@gw10", "sip:99@x", "\n", "xyz\n",
    ];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Shape_gets_its_specialised_engine(string pattern, string dotnetPattern, string engine)
    {
        _ = dotnetPattern;
        CompiledPattern.Compile(pattern).Engine.Should().Be(Enum.Parse<PatternEngine>(engine), CompiledPattern.Compile(pattern).Describe());
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Shape_agrees_with_dotnet_regex_on_fixed_values(string pattern, string dotnetPattern, string engine)
    {
        _ = engine;
        var compiled = CompiledPattern.Compile(pattern);
        foreach (var text in FixedValues)
        {
            AssertAgrees(compiled, dotnetPattern, Encoding.UTF8.GetBytes(text));
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Shape_agrees_with_dotnet_regex_on_random_values(string pattern, string dotnetPattern, string engine)
    {
        _ = engine;
        var compiled = CompiledPattern.Compile(pattern);
        var random = new Random(pattern.Length * 7919);
        string[] pieces = ["s", "i", "p", ":", "@", "0", "1", "2", "3", "5", "9", "8", "a", "b", "x", " ", ">", ";", "\n", "é", "日", "ü", "IN", "VITE", "MESSAGE", "/01", "-", "g", "w", "t", "r", "u", "e"];
        for (var i = 0; i < 400; i++)
        {
            var sb = new StringBuilder();
            var length = random.Next(0, 30);
            for (var k = 0; k < length; k++)
            {
                sb.Append(pieces[random.Next(pieces.Length)]);
            }

            AssertAgrees(compiled, dotnetPattern, Encoding.UTF8.GetBytes(sb.ToString()));
        }
    }

    private static void AssertAgrees(CompiledPattern compiled, string dotnetPattern, byte[] value)
    {
        var (expected, expectedCaptures) = ReferenceRegex.Find(dotnetPattern, value);
        var because = $"pattern `{compiled.Source}` ({compiled.Describe()}) on `{Encoding.UTF8.GetString(value)}`";
        compiled.IsMatch(value).Should().Be(expected, because);

        var captures = new CaptureRange[compiled.GroupCount];
        compiled.TryMatch(value, captures).Should().Be(expected, because);
        if (expected)
        {
            compiled.GroupCount.Should().Be(expectedCaptures.Length, because);
            captures.Should().Equal(expectedCaptures, because);
        }
    }
}
