using AlwaysConnected.Routing.Patterns;

namespace AlwaysConnected.Routing.Tests.Patterns;

/// <summary>Patterns quoted in the vendor documentation get a specialised matcher where the shape allows.</summary>
public class VendorPatternEngineTests
{
    [Theory]
    [InlineData("^INVITE", nameof(PatternEngine.Prefix))]
    [InlineData("^REGISTER", nameof(PatternEngine.Prefix))]
    [InlineData("^true", nameof(PatternEngine.Prefix))]
    [InlineData("^false", nameof(PatternEngine.Prefix))]
    [InlineData("true", nameof(PatternEngine.Literal))]
    [InlineData("^5056$", nameof(PatternEngine.Exact))]
    [InlineData("^pin$", nameof(PatternEngine.Exact))]
    [InlineData("^GATEWAY$", nameof(PatternEngine.Exact))]
    [InlineData("^UDP$", nameof(PatternEngine.Exact))]
    [InlineData("^application/text$", nameof(PatternEngine.Exact))]
    [InlineData("sip:(.+)@", nameof(PatternEngine.Sequence))]
    [InlineData("sip:([0-9]{10,20})@", nameof(PatternEngine.Sequence))]
    [InlineData("sip:([0-9]{7,25})@", nameof(PatternEngine.Sequence))]
    [InlineData("sip:9(.*)@", nameof(PatternEngine.Sequence))]
    [InlineData("(.+)", nameof(PatternEngine.Sequence))]
    [InlineData(".+", nameof(PatternEngine.Sequence))]
    [InlineData("TEST", nameof(PatternEngine.Literal))]
    [InlineData("sip:admin@", nameof(PatternEngine.Literal))]
    [InlineData("192\\.168\\.", nameof(PatternEngine.Literal))]
    [InlineData("^192\\.168\\.2\\.", nameof(PatternEngine.Prefix))]
    [InlineData("@host.domain", nameof(PatternEngine.RegexNonBacktracking))] // a lone `.` spans 1-4 bytes
    [InlineData("[0369]$", nameof(PatternEngine.Sequence))]
    [InlineData("/01$", nameof(PatternEngine.Suffix))]
    [InlineData("^0[0-7]:", nameof(PatternEngine.Sequence))]
    [InlineData("^1[23]:", nameof(PatternEngine.Sequence))]
    [InlineData("^[0-5]$", nameof(PatternEngine.Sequence))]
    [InlineData("to=sip:(.+)@gw1[ >;]*", nameof(PatternEngine.Sequence))]
    [InlineData("friendly-scanner|sipcli", nameof(PatternEngine.LiteralAlternation))]
    [InlineData("^(INVITE|MESSAGE)", nameof(PatternEngine.LiteralAlternation))]
    [InlineData("(.+):(.+)/(.+)/(.+)", nameof(PatternEngine.RegexNonBacktracking))]
    [InlineData("sip:(81|0)([0-9]{9,})@", nameof(PatternEngine.RegexNonBacktracking))]
    [InlineData("192\\.168\\.\\10", nameof(PatternEngine.RegexNonBacktracking))]
    public void Vendor_pattern_gets_expected_engine(string pattern, string engine) =>
        CompiledPattern.Compile(pattern).Engine.Should().Be(Enum.Parse<PatternEngine>(engine));

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
