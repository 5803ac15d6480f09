using AlwaysConnected.Routing.Patterns;

namespace AlwaysConnected.Routing.Tests.Patterns;

/// <summary>Patterns quoted in the vendor documentation get a specialised matcher where the shape allows.</summary>
public class VendorPatternEngineTests
{
    [Theory]
    [InlineData("^INVITE", PatternEngine.Prefix)]
    [InlineData("^REGISTER", PatternEngine.Prefix)]
    [InlineData("^true", PatternEngine.Prefix)]
    [InlineData("^false", PatternEngine.Prefix)]
    [InlineData("true", PatternEngine.Literal)]
    [InlineData("^5056$", PatternEngine.Exact)]
    [InlineData("^pin$", PatternEngine.Exact)]
    [InlineData("^GATEWAY$", PatternEngine.Exact)]
    [InlineData("^UDP$", PatternEngine.Exact)]
    [InlineData("^application/text$", PatternEngine.Exact)]
    [InlineData("sip:(.+)@", PatternEngine.Sequence)]
    [InlineData("sip:([0-9]{10,20})@", PatternEngine.Sequence)]
    [InlineData("sip:([0-9]{7,25})@", PatternEngine.Sequence)]
    [InlineData("sip:9(.*)@", PatternEngine.Sequence)]
    [InlineData("(.+)", PatternEngine.Sequence)]
    [InlineData(".+", PatternEngine.Sequence)]
    [InlineData("TEST", PatternEngine.Literal)]
    [InlineData("sip:admin@", PatternEngine.Literal)]
    [InlineData("192\\.168\\.", PatternEngine.Literal)]
    [InlineData("^192\\.168\\.2\\.", PatternEngine.Prefix)]
    [InlineData("@host.domain", PatternEngine.RegexNonBacktracking)] // a lone `.` spans 1-4 bytes
    [InlineData("[0369]$", PatternEngine.Sequence)]
    [InlineData("/01$", PatternEngine.Suffix)]
    [InlineData("^0[0-7]:", PatternEngine.Sequence)]
    [InlineData("^1[23]:", PatternEngine.Sequence)]
    [InlineData("^[0-5]$", PatternEngine.Sequence)]
    [InlineData("to=sip:(.+)@gw1[ >;]*", PatternEngine.Sequence)]
    [InlineData("friendly-scanner|sipcli", PatternEngine.LiteralAlternation)]
    [InlineData("^(INVITE|MESSAGE)", PatternEngine.LiteralAlternation)]
    [InlineData("(.+):(.+)/(.+)/(.+)", PatternEngine.RegexNonBacktracking)]
    [InlineData("sip:(81|0)([0-9]{9,})@", PatternEngine.RegexNonBacktracking)]
    [InlineData("192\\.168\\.\\10", PatternEngine.RegexNonBacktracking)]
    public void Vendor_pattern_gets_expected_engine(string pattern, PatternEngine engine) =>
        CompiledPattern.Compile(pattern).Engine.Should().Be(engine);

    [Fact]
    public void Unescaped_dot_in_a_host_matches_any_character()
    {
        // A18: `@host.domain` uses `.` as "any char", exactly as the regex engines do.
        var compiled = CompiledPattern.Compile("@host.domain");
        compiled.IsMatch("sip:a@hostXdomain"u8).Should().BeTrue();
        compiled.IsMatch("sip:a@host.domain"u8).Should().BeTrue();
        compiled.IsMatch("sip:a@hostdomain"u8).Should().BeFalse();
    }

    [Fact]
    public void Seed_rule_captures_the_dialled_number()
    {
        var value = "sip:09012345678@pbx.local"u8;
        var compiled = CompiledPattern.Compile("sip:(.+)@");
        Span<CaptureRange> captures = stackalloc CaptureRange[1];
        compiled.TryMatch(value, captures).Should().BeTrue();
        captures[0].Slice(value).SequenceEqual("09012345678"u8).Should().BeTrue();
    }
}
