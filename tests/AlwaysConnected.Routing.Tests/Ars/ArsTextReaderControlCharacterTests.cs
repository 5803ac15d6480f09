using AlwaysConnected.Routing.Ars.Text;

namespace AlwaysConnected.Routing.Tests.Ars;

/// <summary>Registration and credential values the model refuses are located errors, never an exception out of the reader.</summary>
public class ArsTextReaderControlCharacterTests
{
    [Theory]
    [InlineData("Register URI: sip:acct@itsp\u0000example\nUser: acct", "Registration")]
    [InlineData("Register URI: sip:acct@itsp.example\nUser: ac\u0000ct", "Registration")]
    public void A_registration_value_with_a_control_character_is_a_diagnostic(string registration, string field)
    {
        var text = $"""
            [Route ITSP_A]
            [Registration]
            {registration}
            Patterns - OUT 1
            [Matching Patterns]
            To: sip:([0-9]+)@
            [Deploy Patterns]
            Target: itsp.example
            """;

        var ok = ArsTextReader.TryParse(text, out _, out var diagnostics);

        ok.Should().BeFalse();
        diagnostics.Should().Contain(d => d.Field == field && d.Message.Contains("CR, LF or NUL"));
    }
}
