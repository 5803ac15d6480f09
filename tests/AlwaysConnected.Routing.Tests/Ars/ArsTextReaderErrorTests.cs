using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Ars.Text;

namespace AlwaysConnected.Routing.Tests.Ars;

public class ArsTextReaderErrorTests
{
    [Fact]
    public void Every_error_is_collected_with_its_route_block_field_and_position()
    {
        const string text = """
            [Route trunk]
            Patterns - OUT 2
            Priority: high
            Max Sessions: -5
            [Matching Patterns]
            To: sip:(.+)@
            Param 1: X
            [Deploy Patterns]
            Response Timeout: soon
            Failover: 500-599,abc
            """;

        var ok = ArsTextReader.TryParse(text, out var definition, out var diagnostics);

        ok.Should().BeFalse();
        definition.Should().BeNull();
        diagnostics.Select(d => (d.TextLine, d.TextColumn, d.Field)).Should().Equal(
            (3, 11, "Priority"),
            (4, 15, "Max Sessions"),
            (7, 1, "Plugin 1"),
            (9, 1, "Response Timeout"),
            (9, 19, "Response Timeout"),
            (10, 11, "Failover"));
        diagnostics.Should().OnlyContain(d => d.Severity == RoutingDiagnosticSeverity.Error
            && d.Route == "trunk" && d.Section == "OUT 2");
        diagnostics[3].Message.Should().Contain("need a 'Target'");
        diagnostics[5].Message.Should().Contain("abc");
    }

    [Fact]
    public void Parse_throws_with_all_errors_listed()
    {
        var act = () => ArsTextReader.Parse("""
            [Route a]
            Patterns - IN
            Target: itsp.example
            [Route a]
            """);

        var exception = act.Should().Throw<RoutingConfigurationException>().Which;
        exception.Errors.Select(e => (e.TextLine, e.Field)).Should().Equal((3, "Target"), (4, (string?)null));
        exception.Message.Should().Contain("line 3").And.Contain("only OUT blocks").And.Contain("used twice");
    }

    [Fact]
    public void Passwords_never_appear_in_diagnostics()
    {
        const string secret = "Sup3rS3cret!";
        var act = () => ArsTextReader.Parse($"""
            [Route a]
            Password: {secret}
            Passwrd: {secret}
            [Credentials]
            Password: {secret}
            Password: {secret}
            """);

        var exception = act.Should().Throw<RoutingConfigurationException>().Which;
        exception.Errors.Should().HaveCount(4);
        exception.Message.Should().NotContain(secret);
        exception.Diagnostics.Should().OnlyContain(d => !d.Message.Contains(secret, StringComparison.Ordinal));
        exception.Errors.Select(e => e.Field).Should().Contain("Register URI").And.Contain("Password").And.Contain("User");
    }

    [Theory]
    [InlineData("To: x", 1, "must be inside a pattern block")]
    [InlineData("[Route r]\nPatterns - IN\nTo: x", 3, "must follow [Matching Patterns]")]
    [InlineData("[Route r]\nPatterns - IN\n[Matching Patterns]\nCustom: a=b", 4, "belongs under [Deploy Patterns]")]
    [InlineData("[Route r]\nPatterns - IN\n[Deploy Patterns]\nCustom: =b", 4, "Custom entry")]
    [InlineData("[Route r]\nPatterns - IN\nPatterns - IN 1", 3, "defined twice")]
    [InlineData("[Route r]\nPatterns - OUT\nRecovery Time: 5", 3, "need a 'Target'")]
    [InlineData("[Route r]\nPatterns - OUT\nPriority: &v1", 3, "only allowed in a [Template")]
    [InlineData("[Route r]\nExpires: 0", 2, "at least 1")]
    [InlineData("[Route r]\nAuth User: x", 2, "belongs under [Credentials]")]
    [InlineData("[Route r]\n[Row 1]", 2, "belongs in a [Template")]
    [InlineData("[Template t]\n&v1: 1", 2, "[Row N]")]
    [InlineData("[Route r]\nthis is not a field", 2, "Unrecognised text")]
    [InlineData("[Route ]", 1, "name is empty")]
    [InlineData("[Template t]\n[Row 0]", 2, "Row numbers start at 1")]
    [InlineData("[Template t]\n[Row 1]\n&v1: 1\nPatterns - OUT 0\nPriority: &v1\nMax Sessions: &v1", 4, "Block numbers start at 1")]
    public void Structural_mistakes_are_reported_at_their_line(string text, int line, string message)
    {
        ArsTextReader.TryParse(text, out _, out var diagnostics).Should().BeFalse();

        diagnostics.Should().Contain(d => d.TextLine == line && d.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_template_row_without_a_bound_variable_fails_when_routes_are_generated()
    {
        var definition = ArsTextReader.Parse("""
            [Template t]
            [Row 1]
            &v2: 1
            Patterns - OUT 1
            Priority: &v1
            """);

        var act = () => definition.GetEffectiveRoutes();

        act.Should().Throw<RoutingConfigurationException>().Which.Message.Should().Contain("row 1").And.Contain("&v1").And.Contain("not defined");
    }

    [Fact]
    public void Diagnostic_text_names_route_block_and_field()
    {
        var diagnostic = new RoutingDiagnostic(RoutingDiagnosticIds.ArsTextInvalidValue, RoutingDiagnosticSeverity.Error, "bad")
        {
            TextLine = 3,
            TextColumn = 7,
            Route = "trunk",
            Section = "OUT 2",
            Field = "Priority",
        };

        diagnostic.ToString().Should().Be("error ART0003: line 3, column 7, route 'trunk', OUT 2, Priority: bad");
    }
}
