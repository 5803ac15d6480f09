using AlwaysConnected.Routing.Patterns;

namespace AlwaysConnected.Routing.Tests.Patterns;

public class CompiledPatternApiTests
{
    [Theory]
    [InlineData("^INVITE", "INVITE", false)]
    [InlineData("^5056$", "5056", true)]
    [InlineData("^sip:(\\d+)@", "sip:", false)]
    [InlineData("^(INVITE|INFO)", "IN", false)]
    [InlineData("INVITE", "", false)]
    [InlineData("^a+b", "", false)]
    [InlineData("^(?:x)+y", "", false)]
    public void Anchored_literal_prefix_and_exactness_are_exposed(string pattern, string prefix, bool exact)
    {
        var compiled = CompiledPattern.Compile(pattern);
        System.Text.Encoding.UTF8.GetString(compiled.AnchoredLiteralPrefix).Should().Be(prefix);
        compiled.IsExactLiteral.Should().Be(exact);
    }

    [Fact]
    public void Source_and_group_count_are_reported()
    {
        var compiled = CompiledPattern.Compile("(.+):(.+)/(.+)/(.+)");
        compiled.Source.Should().Be("(.+):(.+)/(.+)/(.+)");
        compiled.ToString().Should().Be(compiled.Source);
        compiled.GroupCount.Should().Be(4);
        compiled.Engine.Should().Be(PatternEngine.RegexNonBacktracking);
    }

    [Fact]
    public void TryMatch_rejects_a_too_small_capture_buffer()
    {
        var compiled = CompiledPattern.Compile("sip:(.+)@(.+)");
        var act = () => compiled.TryMatch("sip:a@b"u8, new CaptureRange[1]);
        act.Should().Throw<ArgumentException>().WithParameterName("captures");
    }

    [Fact]
    public void Group_that_did_not_take_part_is_reported_not_matched()
    {
        var compiled = CompiledPattern.Compile("^(a)|(b)");
        var captures = new CaptureRange[2];
        compiled.TryMatch("b"u8, captures).Should().BeTrue();
        captures[0].Should().Be(CaptureRange.NotMatched);
        captures[0].Success.Should().BeFalse();
        captures[0].Slice("b"u8).IsEmpty.Should().BeTrue();
        captures[1].Should().Be(new CaptureRange(0, 1));
    }

    [Fact]
    public void Capture_range_slices_the_value()
    {
        var value = "sip:0901@pbx"u8;
        var compiled = CompiledPattern.Compile("sip:(.+)@");
        Span<CaptureRange> captures = stackalloc CaptureRange[1];
        compiled.TryMatch(value, captures).Should().BeTrue();
        captures[0].Slice(value).SequenceEqual("0901"u8).Should().BeTrue();
        captures[0].End.Should().Be(8);
    }

    [Theory]
    [InlineData("^INVITE", "Prefix")]
    [InlineData("sip:([0-9]{10,20})@", "Sequence")]
    [InlineData("(a|b)+c", "RegexNonBacktracking")]
    [InlineData("(a)\\1", "RegexBacktracking (timeout 50 ms)")]
    public void Describe_names_the_engine(string pattern, string start) =>
        CompiledPattern.Compile(pattern).Describe().Should().StartWith(start);

    [Fact]
    public void Backtracking_can_be_disallowed()
    {
        var act = () => CompiledPattern.Compile("(a)\\1", new PatternOptions { AllowBacktracking = false });
        act.Should().Throw<PatternSyntaxException>().Which.Construct.Should().Contain("backtracking");
    }

    [Fact]
    public void Non_positive_timeout_is_rejected()
    {
        var act = () => CompiledPattern.Compile("a", new PatternOptions { BacktrackingTimeout = TimeSpan.Zero });
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Compiled_pattern_is_safe_for_concurrent_use()
    {
        CompiledPattern[] patterns = [CompiledPattern.Compile("sip:(.+)@"), CompiledPattern.Compile("sip:(\\d+)@(.+)$")];
        Parallel.For(0, 4000, i =>
        {
            var value = System.Text.Encoding.UTF8.GetBytes($"sip:{i}@h{i}");
            foreach (var p in patterns)
            {
                var captures = new CaptureRange[p.GroupCount];
                p.TryMatch(value, captures).Should().BeTrue();
                captures[0].Slice(value).SequenceEqual(System.Text.Encoding.UTF8.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture))).Should().BeTrue();
            }
        });
    }
}
