using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;
using AlwaysConnected.Routing.Patterns;

namespace AlwaysConnected.Routing.Tests.Patterns;

public class RegexFallbackTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("(.+):(.+)/(.+)/(.+)", "(.+):(.+)/(.+)/(.+)")]
    [InlineData("^\"(.*)\" <sip:(.+)@", "^\"(.*)\" <sip:(.+)@")]
    [InlineData("sip:(81|0)([0-9]{9,})@", "sip:(81|0)([0-9]{9,})@")]
    [InlineData("(é+)(.)", "(é+)(.)")]
    [InlineData("^(x)?(日本)", "^(x)?(日本)")]
    public void Non_ascii_captures_are_byte_offsets(string pattern, string dotnetPattern)
    {
        var compiled = CompiledPattern.Compile(pattern);
        compiled.Engine.Should().Be(PatternEngine.RegexNonBacktracking);
        string[] values = ["\"日本 太郎\" <sip:ünï@例え.jp>", "xy:日本/é/ü/€", "sip:8109012345678@host", "éééü", "日本", "x日本", "ü𝄞é:€/a/b", "sip:0123456789@é"];
        foreach (var text in values)
        {
            var value = Encoding.UTF8.GetBytes(text);
            var (expected, expectedCaptures) = ReferenceRegex.Find(dotnetPattern, value);
            var captures = new CaptureRange[compiled.GroupCount];
            compiled.IsMatch(value).Should().Be(expected, text);
            compiled.TryMatch(value, captures).Should().Be(expected, text);
            if (expected)
            {
                captures.Should().Equal(expectedCaptures, text);
            }
        }
    }

    [Theory]
    [InlineData("(a+)+$")]
    [InlineData("^(a|aa)+$")]
    [InlineData("^(a|aa)+(a)$")]
    public void Nested_quantifier_captures_on_a_10_KB_value_are_the_backtracking_engines(string pattern)
    {
        var compiled = CompiledPattern.Compile(pattern);
        compiled.Engine.Should().Be(PatternEngine.RegexNonBacktracking);
        var value = Encoding.ASCII.GetBytes(new string('a', 10_240));
        var (expected, expectedCaptures) = ReferenceRegex.Find(pattern, value);
        expected.Should().BeTrue();

        var captures = new CaptureRange[compiled.GroupCount];
        compiled.TryMatch(value, captures).Should().BeTrue();

        captures.Should().Equal(expectedCaptures);
    }

    [Fact]
    public void Captures_still_come_when_the_backtracking_step_runs_out_of_budget()
    {
        // The first branch is exponential for a backtracking engine on a run of a's without a b; the
        // second branch matches. The capture step's budget runs out and the linear engine answers.
        var compiled = CompiledPattern.Compile("^(a|aa)+b|^(a+)$");
        compiled.Engine.Should().Be(PatternEngine.RegexNonBacktracking);
        var value = Encoding.ASCII.GetBytes(new string('a', 64));
        var captures = new CaptureRange[2];

        compiled.TryMatch(value, captures).Should().BeTrue();

        captures[0].Should().Be(CaptureRange.NotMatched);
        captures[1].Should().Be(new CaptureRange(0, 64));
    }

    [Fact]
    public void A_value_that_does_not_match_is_refused_before_any_capture_work()
    {
        var compiled = CompiledPattern.Compile("^(a|aa)+$");
        var value = Encoding.ASCII.GetBytes(new string('a', 10_240) + "!");
        var captures = new CaptureRange[1];
        compiled.TryMatch(value, captures).Should().BeFalse(); // warm-up

        var allocated = Support.SteadyStateAllocations.Measure(() => compiled.TryMatch(value, captures), warmUp: 2, iterations: 5);

        allocated.Should().Be(0, "the allocation-free linear match decides a miss without decoding the value to a string");
    }

    [Fact]
    public void Capture_that_splits_a_surrogate_pair_covers_the_whole_code_point()
    {
        var value = Encoding.UTF8.GetBytes("é𝄞");
        var compiled = CompiledPattern.Compile("(é+)(.)");
        var captures = new CaptureRange[2];
        compiled.TryMatch(value, captures).Should().BeTrue();
        captures[1].Should().Be(new CaptureRange(2, 4));
    }

    [Fact]
    public void Long_non_ascii_value_uses_the_pooled_buffer_and_still_maps_offsets()
    {
        var text = new string('é', 400) + "sip:日本@x";
        var value = Encoding.UTF8.GetBytes(text);
        var compiled = CompiledPattern.Compile("sip:(.+)@(x|y)");
        var captures = new CaptureRange[2];
        compiled.TryMatch(value, captures).Should().BeTrue();
        Encoding.UTF8.GetString(captures[0].Slice(value)).Should().Be("日本");
        captures[1].Should().Be(new CaptureRange(value.Length - 1, 1));
    }

    public static TheoryData<string> AllEngines => new()
    {
        "", "abc", "^ab", "ab$", "^ab$", "^(ab|cd)", "sip:(.+)@", "sip:([0-9]{2,20})@", "[^@]+@", "(.+):(.+)",
        "(a)\\1", "!sip:(.+)@",
    };

    [Theory]
    [MemberData(nameof(AllEngines))]
    public void Invalid_utf8_never_throws(string pattern)
    {
        var compiled = CompiledPattern.Compile(pattern);
        byte[][] values =
        [
            [0xFF, 0xFE, (byte)'a', (byte)'b'],
            [(byte)'s', (byte)'i', (byte)'p', (byte)':', 0xC3, (byte)'@', 0x80, 0x80],
            [0xE6, 0x97, (byte)'a', (byte)'b', (byte)':', 0xF0, 0x9F, 0x98],
            [0xED, 0xA0, 0x80, (byte)'c', (byte)'d'],
            [(byte)'s', (byte)'i', (byte)'p', (byte)':', 0xC0, 0xAF, 0xE2, 0x82, (byte)'@'],
        ];
        foreach (var value in values)
        {
            var captures = new CaptureRange[compiled.GroupCount];
            _ = compiled.IsMatch(value);
            if (compiled.TryMatch(value, captures))
            {
                foreach (var capture in captures.Where(c => c.Success))
                {
                    capture.Start.Should().BeInRange(0, value.Length);
                    capture.End.Should().BeInRange(capture.Start, value.Length);
                }
            }
        }
    }

    [Fact]
    public void Invalid_utf8_capture_offsets_point_at_the_original_bytes()
    {
        // Two bad bytes become two U+FFFD chars (3 bytes each once re-encoded); offsets must not drift.
        byte[] value = [0xFF, 0xFE, (byte)'s', (byte)'i', (byte)'p', (byte)':', (byte)'a', (byte)'@', (byte)'b'];
        var compiled = CompiledPattern.Compile("sip:(.+)@(b|c)");
        var captures = new CaptureRange[2];
        compiled.TryMatch(value, captures).Should().BeTrue();
        captures[0].Should().Be(new CaptureRange(6, 1));
        captures[1].Should().Be(new CaptureRange(8, 1));
    }

    [Fact]
    public void Nested_quantifier_pattern_on_a_10_KB_value_returns_quickly()
    {
        var compiled = CompiledPattern.Compile("(a+)+$");
        compiled.Engine.Should().Be(PatternEngine.RegexNonBacktracking);
        var value = Encoding.ASCII.GetBytes(new string('a', 10_240) + "!");
        compiled.IsMatch(value).Should().BeFalse(); // warm-up (builds the DFA states)

        var stopwatch = Stopwatch.StartNew();
        var matched = compiled.IsMatch(value);
        stopwatch.Stop();

        matched.Should().BeFalse();
        output.WriteLine($"(a+)+$ on 10 KB: {stopwatch.Elapsed.TotalMilliseconds:F3} ms");
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Specialised_sequence_on_a_10_KB_adversarial_value_returns_quickly()
    {
        // Every start position begins a long run that fails at its end: the skip rule keeps this linear.
        var compiled = CompiledPattern.Compile("(\\d+)@");
        compiled.Engine.Should().Be(PatternEngine.Sequence);
        var value = Encoding.ASCII.GetBytes(new string('1', 10_240) + "!");
        var stopwatch = Stopwatch.StartNew();
        compiled.IsMatch(value).Should().BeFalse();
        CompiledPattern.Compile("a.*b").IsMatch(Encoding.ASCII.GetBytes(new string('a', 10_240))).Should().BeFalse();
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Backtracking_timeout_counts_as_no_match_and_is_reported()
    {
        var observed = 0;
        var options = new PatternOptions
        {
            BacktrackingTimeout = TimeSpan.FromMilliseconds(20),
            TimeoutObserver = _ => Interlocked.Increment(ref observed),
        };
        var compiled = CompiledPattern.Compile("^(a|aa)+\\1b", options);
        var negated = CompiledPattern.Compile("!^(a|aa)+\\1b", options);
        compiled.Engine.Should().Be(PatternEngine.RegexBacktracking);
        var value = Encoding.ASCII.GetBytes(new string('a', 60));

        compiled.IsMatch(value).Should().BeFalse();
        compiled.TryMatch(value, new CaptureRange[1]).Should().BeFalse();
        negated.IsMatch(value).Should().BeFalse("a timed-out line does not hold, negated or not");

        compiled.TimeoutCount.Should().Be(2);
        negated.TimeoutCount.Should().Be(1);
        observed.Should().Be(3);
    }

    [Fact]
    public void Throwing_timeout_observer_does_not_escape()
    {
        var options = new PatternOptions
        {
            BacktrackingTimeout = TimeSpan.FromMilliseconds(10),
            TimeoutObserver = _ => throw new InvalidOperationException("observer failure"),
        };
        var compiled = CompiledPattern.Compile("^(a|aa)+\\1b", options);
        var act = () => compiled.IsMatch(Encoding.ASCII.GetBytes(new string('a', 60)));
        act.Should().NotThrow();
    }

    [Fact]
    public void Backtracking_pattern_matches_normally_within_the_timeout()
    {
        var compiled = CompiledPattern.Compile("^(\\d+)-\\1$");
        var captures = new CaptureRange[1];
        compiled.TryMatch("42-42"u8, captures).Should().BeTrue();
        captures[0].Should().Be(new CaptureRange(0, 2));
        compiled.IsMatch("42-43"u8).Should().BeFalse();
        compiled.TimeoutCount.Should().Be(0);
    }
}
