using System.Buffers;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Tests.Sip;

/// <summary>Every RFC 4475 message against the outcome in TestData/rfc4475/INDEX.md and the policies in docs/parsing.md.</summary>
public class Rfc4475OutcomeTests
{
    [Theory]
    [InlineData("wsinv")]
    [InlineData("intmeth")]
    [InlineData("esc01")]
    [InlineData("escnull")]
    [InlineData("esc02")]
    [InlineData("lwsdisp")]
    [InlineData("longreq")]
    [InlineData("dblreq")]
    [InlineData("semiuri")]
    [InlineData("transports")]
    [InlineData("mpart01")]
    [InlineData("unreason")]
    [InlineData("noreason")]
    [InlineData("badbranch")]
    [InlineData("unkscm")]
    [InlineData("novelsc")]
    [InlineData("unksm2")]
    [InlineData("bext01")]
    [InlineData("invut")]
    [InlineData("regaut01")]
    [InlineData("bcast")]
    [InlineData("zeromf")]
    [InlineData("cparam01")]
    [InlineData("cparam02")]
    [InlineData("regescrt")]
    [InlineData("sdp01")]
    [InlineData("inv2543")]
    [InlineData("badaspec")] // TOLERATE: whitespace inside <> ignored
    [InlineData("baddate")] // TOLERATE: Date is never interpreted
    public void Accepted_messages_parse_and_validate(string name)
    {
        var (status, error) = SipTestData.ParseAndValidate(SipTestData.Rfc4475(name));

        status.Should().Be(OperationStatus.Done, because: $"{name} is ACCEPT ({error})");
        error.IsError.Should().BeFalse(because: $"{name} should validate, got {error}");
    }

    [Theory]
    [InlineData("clerr", SipParseErrorCode.BodyTruncated, 400)]
    [InlineData("ncl", SipParseErrorCode.InvalidContentLength, 400)]
    [InlineData("scalar02", SipParseErrorCode.InvalidCSeq, 400)]
    [InlineData("scalarlg", SipParseErrorCode.InvalidCSeq, 400)]
    [InlineData("bigcode", SipParseErrorCode.InvalidStatusCode, 400)]
    [InlineData("mcl01", SipParseErrorCode.DuplicateContentLength, 400)]
    [InlineData("test", SipParseErrorCode.InvalidStartLine, 400)]
    [InlineData("ltgtruri", SipParseErrorCode.InvalidRequestUri, 400)] // policy: REJECT
    [InlineData("lwsruri", SipParseErrorCode.InvalidVersion, 400)] // policy: REJECT
    [InlineData("lwsstart", SipParseErrorCode.InvalidRequestUri, 400)] // policy: REJECT
    [InlineData("trws", SipParseErrorCode.InvalidVersion, 400)] // policy: REJECT
    [InlineData("baddn", SipParseErrorCode.IncompleteHeaderSection, 400)] // archive bytes: no empty line
    public void Rejected_by_the_parser(string name, SipParseErrorCode code, int status)
    {
        var index = new SipMessageIndex();
        var result = SipParser.TryParseDatagram(SipTestData.Rfc4475(name), index, out _);

        result.Should().Be(OperationStatus.InvalidData);
        index.Error.Code.Should().Be(code);
        index.Error.SuggestedStatusCode.Should().Be(status);
    }

    [Theory]
    [InlineData("badinv01", SipParseErrorCode.InvalidHeaderValue, SipHeaderId.Via, 400)]
    [InlineData("badvers", SipParseErrorCode.VersionNotSupported, SipHeaderId.Extension, 505)]
    [InlineData("mismatch01", SipParseErrorCode.CSeqMethodMismatch, SipHeaderId.CSeq, 400)]
    [InlineData("mismatch02", SipParseErrorCode.CSeqMethodMismatch, SipHeaderId.CSeq, 400)]
    [InlineData("insuf", SipParseErrorCode.MissingRequiredHeader, SipHeaderId.From, 400)]
    [InlineData("multi01", SipParseErrorCode.DuplicateHeader, SipHeaderId.From, 400)]
    [InlineData("quotbal", SipParseErrorCode.InvalidHeaderValue, SipHeaderId.To, 400)] // policy: REJECT
    [InlineData("escruri", SipParseErrorCode.InvalidRequestUri, SipHeaderId.Extension, 400)] // policy: REJECT
    [InlineData("regbadct", SipParseErrorCode.InvalidHeaderValue, SipHeaderId.Contact, 400)] // policy: REJECT
    [InlineData("variants/baddn.terminated", SipParseErrorCode.InvalidHeaderValue, SipHeaderId.From, 400)] // policy: REJECT
    public void Parsed_then_rejected_by_the_semantic_check(string name, SipParseErrorCode code, SipHeaderId header, int status)
    {
        var (parse, error) = SipTestData.ParseAndValidate(SipTestData.Rfc4475(name));

        parse.Should().Be(OperationStatus.Done);
        error.Code.Should().Be(code);
        error.Header.Should().Be(header);
        error.SuggestedStatusCode.Should().Be(status);
    }

    [Fact]
    public void Every_message_of_the_archive_is_covered()
    {
        var covered = typeof(Rfc4475OutcomeTests).GetMethods()
            .SelectMany(m => m.GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>())
            .Select(a => (string)a.GetData(null!).First()[0])
            .ToHashSet();
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "rfc4475"), "*.sip")
            .Select(Path.GetFileNameWithoutExtension);

        files.Should().HaveCount(50).And.OnlyContain(f => covered.Contains(f!));
    }
}
