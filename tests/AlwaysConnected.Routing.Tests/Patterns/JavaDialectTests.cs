using System.Text;
using AlwaysConnected.Routing.Patterns;

namespace AlwaysConnected.Routing.Tests.Patterns;

public class JavaDialectTests
{
    private static bool Matches(string pattern, string value) =>
        CompiledPattern.Compile(pattern).IsMatch(Encoding.UTF8.GetBytes(value));

    [Theory]
    [InlineData("^\\Q1+1=2?\\E$", "1+1=2?", true)]
    [InlineData("^\\Q1+1=2?\\E$", "11=2", false)]
    [InlineData("\\Q(a)", "x(a)y", true)]
    [InlineData("[\\Q]-\\E]+$", "a]-]", true)]
    [InlineData("^\\p{Digit}+$", "0123", true)]
    [InlineData("^\\p{Digit}+$", "١٢٣", false)]
    [InlineData("^\\p{Alpha}\\p{Alnum}*$", "a1B2", true)]
    [InlineData("^\\p{Alpha}$", "é", false)]
    [InlineData("^\\p{Upper}\\p{Lower}$", "Ab", true)]
    [InlineData("^\\p{Punct}$", "@", true)]
    [InlineData("^\\p{Space}$", "\t", true)]
    [InlineData("^\\p{XDigit}+$", "0aF9", true)]
    [InlineData("^\\p{XDigit}+$", "0aG9", false)]
    [InlineData("^\\P{Digit}$", "é", true)]
    [InlineData("^[\\p{Digit}x]+$", "1x2", true)]
    [InlineData("^\\pL$", "é", true)]
    [InlineData("^\\d$", "٣", false)]
    [InlineData("^\\w+$", "é", false)]
    [InlineData("^[\\D]$", "é", true)]
    [InlineData("^\\x{41}$", "A", true)]
    [InlineData("^\\011$", "\t", true)]
    [InlineData("^(?<user>\\d+)-\\k<user>$", "12-12", true)]
    [InlineData("^(?<user>\\d+)-\\k<user>$", "12-13", false)]
    public void Java_constructs_are_translated_exactly(string pattern, string value, bool expected) =>
        Matches(pattern, value).Should().Be(expected);

    [Fact]
    public void Named_groups_are_numbered_left_to_right_as_in_Java()
    {
        // .NET alone would number the named group after the unnamed one.
        var pattern = CompiledPattern.Compile("(?<a>x)(y)");
        var captures = new CaptureRange[2];
        pattern.TryMatch("xy"u8, captures).Should().BeTrue();
        captures[0].Should().Be(new CaptureRange(0, 1));
        captures[1].Should().Be(new CaptureRange(1, 1));
    }

    [Fact]
    public void Dollar_does_not_match_before_a_trailing_newline()
    {
        Matches("abc$", "abc\n").Should().BeFalse();
        Matches("^a(b)c$", "abc\n").Should().BeFalse();
        Matches("^a(b|x)+c$", "abc\n").Should().BeFalse();
        Matches("abc$", "abc").Should().BeTrue();
    }

    [Fact]
    public void Back_reference_to_a_missing_group_loads_and_never_matches()
    {
        // W-AUTH Ex 4 typo: Java reads `\10` as group 1 (absent) followed by `0`.
        var pattern = CompiledPattern.Compile("192\\.168\\.\\10");
        pattern.IsMatch("192.168.10.5"u8).Should().BeFalse();
        pattern.IsMatch("192.168.\b"u8).Should().BeFalse();
    }

    [Fact]
    public void Multi_digit_back_reference_takes_digits_only_while_the_group_exists()
    {
        // One group: `\10` is `\1` then a literal `0`.
        var pattern = CompiledPattern.Compile("^(a)\\10$");
        pattern.IsMatch("aa0"u8).Should().BeTrue();
    }

    [Theory]
    [InlineData("a*+", 1, "possessive quantifier `*+`")]
    [InlineData("^x++y", 2, "possessive quantifier `++`")]
    [InlineData("ab?+", 2, "possessive quantifier `?+`")]
    [InlineData("sip:\\d{2,5}+@", 6, "possessive quantifier `{2,5}+`")]
    [InlineData("[a-z&&[^aeiou]]", 4, "character class intersection `&&`")]
    [InlineData("[ab[cd]]", 3, "nested character class (union) `[...[...]]`")]
    [InlineData("x\\p{javaLowerCase}", 1, "Java character property `\\p{javaLowerCase}`")]
    [InlineData("!\\p{InGreek}", 1, "property `\\p{InGreek}`")]
    [InlineData("a\\hb", 1, "escape `\\h`")]
    [InlineData("\\R", 0, "escape `\\R`")]
    [InlineData("(?U)\\w", 2, "inline flag `U` in `(?U`")]
    [InlineData("\\x{1F600}", 0, "escape `\\x{1F600}`")]
    public void Java_only_constructs_are_rejected_with_column(string pattern, int column, string construct)
    {
        var act = () => CompiledPattern.Compile(pattern);
        var error = act.Should().Throw<PatternSyntaxException>().Which;
        error.Column.Should().Be(column);
        error.Construct.Should().Be(construct);
        error.Pattern.Should().Be(pattern);
        error.Message.Should().Contain(construct).And.Contain($"column {column}");
    }

    [Theory]
    [InlineData("sip:(.+@", 7)] // .NET notices the missing `)` at the end
    [InlineData("ab)", 2)]
    [InlineData("x{2,1}", 5)]
    [InlineData("!a**", 3)]
    public void Invalid_regex_syntax_is_reported_with_a_source_column(string pattern, int column)
    {
        CompiledPattern.TryCompile(pattern, null, out var compiled, out var error).Should().BeFalse();
        compiled.Should().BeNull();
        error!.Column.Should().Be(column);
        error.Construct.Should().StartWith("invalid regular expression");
    }

    [Fact]
    public void Overlong_patterns_are_rejected()
    {
        var act = () => CompiledPattern.Compile(new string('a', 50), new PatternOptions { MaxPatternLength = 10 });
        act.Should().Throw<PatternSyntaxException>().Which.Column.Should().Be(10);
    }
}
