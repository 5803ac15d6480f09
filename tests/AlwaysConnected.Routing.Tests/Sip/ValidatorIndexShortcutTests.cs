using System.Buffers;
using System.Text;
using AlwaysConnected.Routing.Sip;
using FluentAssertions;
using Xunit;

namespace AlwaysConnected.Routing.Tests.Sip;

/// <summary>
/// The validator reads what the index already knows (which ids repeat, where the first CSeq's method lies) and
/// reads a lone Via or Contact header without walking the header list. These messages take the other roads:
/// repeated and list-valued headers, folded values, and errors in a later element or a later header.
/// </summary>
public class ValidatorIndexShortcutTests
{
    private const string Head = "INVITE sip:bob@example.com SIP/2.0\r\n";

    private const string Rest =
        "From: <sip:alice@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n";

    private const string GoodVia = "Via: SIP/2.0/UDP host.example.com;branch=z9hG4bK1\r\n";

    [Fact]
    public void A_bad_element_in_a_second_Via_header_is_reported_at_that_header()
    {
        var text = Head + GoodVia + "Via: SIP/2.0/UDP\r\n" + Rest + "\r\n";

        Validate(text).Should().Be(new SipParseError(SipParseErrorCode.InvalidHeaderValue, ValueOf(text, "Via: SIP/2.0/UDP\r\n"), SipHeaderId.Via));
    }

    [Fact]
    public void A_bad_second_element_of_a_lone_Via_header_is_reported_at_that_header()
    {
        var text = Head + "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1 , SIP/2.0/UDP\r\n" + Rest + "\r\n";

        Validate(text).Should().Be(new SipParseError(SipParseErrorCode.InvalidHeaderValue, ValueOf(text, "Via: SIP/2.0/UDP a"), SipHeaderId.Via));
    }

    [Fact]
    public void Several_Via_elements_and_headers_that_all_parse_pass()
    {
        var text = Head + "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/TCP b.example.com:5070;branch=z9hG4bK2\r\n"
            + GoodVia + Rest + "Contact: <sip:a@a.example.com>, \"B, C\" <sip:b@b.example.com>;q=0.5\r\nContact: *\r\n\r\n";

        Validate(text).Should().Be(SipParseError.None);
    }

    [Fact]
    public void A_bad_second_Contact_element_is_reported_at_its_header()
    {
        var text = Head + GoodVia + Rest + "Contact: <sip:a@a.example.com>, sip:b@b.example.com?x=y\r\n\r\n";

        Validate(text).Should().Be(new SipParseError(SipParseErrorCode.InvalidHeaderValue, ValueOf(text, "Contact: "), SipHeaderId.Contact));
    }

    [Fact]
    public void A_bad_Contact_in_a_second_header_is_reported_at_that_header()
    {
        var text = Head + GoodVia + Rest + "Contact: <sip:a@a.example.com>\r\nContact: <sip:b@b.example.com\r\n\r\n";

        Validate(text).Should().Be(new SipParseError(SipParseErrorCode.InvalidHeaderValue, ValueOf(text, "Contact: <sip:b"), SipHeaderId.Contact));
    }

    [Fact]
    public void Repeats_are_reported_in_the_fixed_order_at_the_second_occurrence()
    {
        // To repeats before From in the message; From comes first in the order the checks report.
        var text = Head + GoodVia + "To: <sip:carol@example.com>\r\n" + Rest + "From: <sip:dave@example.com>\r\n\r\n";

        Validate(text).Should().Be(new SipParseError(SipParseErrorCode.DuplicateHeader, text.IndexOf("From: <sip:dave", StringComparison.Ordinal), SipHeaderId.From));
    }

    [Fact]
    public void A_repeated_compact_name_counts_as_the_same_header()
    {
        var text = Head + GoodVia + Rest + "i: c2\r\n\r\n";

        Validate(text).Should().Be(new SipParseError(SipParseErrorCode.DuplicateHeader, text.IndexOf("i: c2", StringComparison.Ordinal), SipHeaderId.CallId));
    }

    [Fact]
    public void A_folded_CSeq_is_compared_on_its_unfolded_method()
    {
        var matching = Head + GoodVia + Rest.Replace("CSeq: 1 INVITE", "CSeq: 1\r\n  INVITE", StringComparison.Ordinal) + "\r\n";
        var differing = Head + GoodVia + Rest.Replace("CSeq: 1 INVITE", "CSeq: 1\r\n  INVITES", StringComparison.Ordinal) + "\r\n";

        Validate(matching).Should().Be(SipParseError.None);
        Validate(differing).Should().Be(new SipParseError(SipParseErrorCode.CSeqMethodMismatch, ValueOf(differing, "CSeq: "), SipHeaderId.CSeq));
    }

    [Fact]
    public void The_method_of_the_previous_message_does_not_leak_into_the_next_check()
    {
        var index = new SipMessageIndex();
        Validate(Head + GoodVia + Rest.Replace("CSeq: 1 INVITE", "CSeq: 1     INVITE", StringComparison.Ordinal) + "\r\n", index).Should().Be(SipParseError.None);

        var mismatch = Head + GoodVia + Rest.Replace("CSeq: 1 INVITE", "CSeq: 1 BYE", StringComparison.Ordinal) + "\r\n";
        Validate(mismatch, index).Should().Be(new SipParseError(SipParseErrorCode.CSeqMethodMismatch, ValueOf(mismatch, "CSeq: "), SipHeaderId.CSeq));
    }

    private static int ValueOf(string text, string headerStart) =>
        text.IndexOf(headerStart, StringComparison.Ordinal) + headerStart.IndexOf(':', StringComparison.Ordinal) + 2;

    private static SipParseError Validate(string text, SipMessageIndex? index = null)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        SipParser.TryParseDatagram(bytes, index ?? new SipMessageIndex(), out var message).Should().Be(OperationStatus.Done);
        SipMessageValidator.TryValidate(message, out var error).Should().Be(!error.IsError);
        return error;
    }
}
