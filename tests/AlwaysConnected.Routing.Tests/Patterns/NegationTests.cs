using AlwaysConnected.Routing.Patterns;

namespace AlwaysConnected.Routing.Tests.Patterns;

public class NegationTests
{
    [Theory]
    [InlineData("!^INVITE", "INVITE sip:a@b SIP/2.0", false)]
    [InlineData("!^INVITE", "REGISTER sip:b SIP/2.0", true)]
    [InlineData("!sip:(.+)@", "sip:alice@x", false)]
    [InlineData("!sip:(.+)@", "tel:+8190", true)]
    [InlineData("!(a|b)+c", "abc", false)]
    [InlineData("!(a|b)+c", "xyz", true)]
    [InlineData("!", "anything", false)]
    public void Leading_bang_inverts_the_result(string pattern, string value, bool expected)
    {
        var compiled = CompiledPattern.Compile(pattern);
        compiled.IsNegated.Should().BeTrue();
        compiled.IsMatch(System.Text.Encoding.UTF8.GetBytes(value)).Should().Be(expected);
        compiled.TryMatch(System.Text.Encoding.UTF8.GetBytes(value), []).Should().Be(expected);
    }

    [Fact]
    public void Negated_pattern_reports_no_groups_and_no_anchored_prefix()
    {
        var compiled = CompiledPattern.Compile("!^sip:(\\d+)@");
        compiled.GroupCount.Should().Be(0);
        compiled.AnchoredLiteralPrefix.IsEmpty.Should().BeTrue();
        compiled.IsExactLiteral.Should().BeFalse();
        compiled.Describe().Should().StartWith("NOT ");
    }

    [Fact]
    public void Escaped_bang_is_a_literal()
    {
        var compiled = CompiledPattern.Compile("\\!x");
        compiled.IsNegated.Should().BeFalse();
        compiled.IsMatch("a!x"u8).Should().BeTrue();
    }
}
