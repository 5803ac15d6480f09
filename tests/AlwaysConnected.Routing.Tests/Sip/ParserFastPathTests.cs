using System.Buffers;
using System.Text;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Tests.Sip;

/// <summary>The speed-ups (common-name match, block-wise line-break search, vectorised list scans) give the general path's answers.</summary>
public class ParserFastPathTests
{
    private static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

    [Theory]
    [InlineData("Via: x\r\n................", SipHeaderId.Via, 3)]
    [InlineData("vIA: x\r\n................", SipHeaderId.Via, 3)]
    [InlineData("CALL-ID: x\r\n............", SipHeaderId.CallId, 7)]
    [InlineData("content-length: 0\r\n\r\n.....", SipHeaderId.ContentLength, 14)]
    [InlineData("Record-Route: <sip:p>\r\n.....", SipHeaderId.RecordRoute, 12)]
    public void Common_names_match_in_any_case(string text, SipHeaderId id, int nameLength)
    {
        SipCommonHeaderNames.TryMatch(Bytes(text), out var matched, out int length).Should().BeTrue();
        matched.Should().Be(id);
        length.Should().Be(nameLength);
    }

    [Theory]
    [InlineData("Call\rID: x\r\n............")] // CR differs from '-' only in the case bit
    [InlineData("Via\u001A x\r\n...............")] // 0x1A | 0x20 == ':'
    [InlineData("Via : x\r\n...............")]
    [InlineData("Viaa: x\r\n...............")]
    [InlineData("Via:x\r\n")] // too short to read two words: general path
    public void Near_misses_are_left_to_the_general_path(string text)
    {
        SipCommonHeaderNames.TryMatch(Bytes(text), out _, out _).Should().BeFalse();
    }

    [Fact]
    public void Whitespace_before_the_colon_still_parses()
    {
        var data = Bytes("OPTIONS sip:a@b SIP/2.0\r\nVia : SIP/2.0/UDP h;branch=z9hG4bK1\r\nCall-ID\t: c\r\nContent-Length: 0\r\n\r\n");
        SipParser.TryParseDatagram(data, new SipMessageIndex(), out var message).Should().Be(OperationStatus.Done);
        Encoding.ASCII.GetString(message.GetFirstValue(SipHeaderId.Via)).Should().Be("SIP/2.0/UDP h;branch=z9hG4bK1");
        Encoding.ASCII.GetString(message.GetFirstValue(SipHeaderId.CallId)).Should().Be("c");
    }

    [Fact]
    public void Other_names_directly_followed_by_a_colon_are_indexed_like_the_general_path_does()
    {
        var data = Bytes("INVITE sip:a@b SIP/2.0\r\nX-PBX-Param: pin=4711\r\ni: abc\r\nRequire:\t100rel \r\nQ:y\r\nX-Empty:\r\nl: 4\r\n\r\nbody");
        SipParser.TryParseDatagram(data, new SipMessageIndex(), out var message).Should().Be(OperationStatus.Done);
        message.HeaderCount.Should().Be(6);
        var expected = new (SipHeaderId Id, string Name, string Value)[]
        {
            (SipHeaderId.Extension, "X-PBX-Param", "pin=4711"),
            (SipHeaderId.CallId, "i", "abc"),
            (SipHeaderId.Require, "Require", "100rel"),
            (SipHeaderId.Extension, "Q", "y"),
            (SipHeaderId.Extension, "X-Empty", ""),
            (SipHeaderId.ContentLength, "l", "4"),
        };
        for (int i = 0; i < expected.Length; i++)
        {
            var header = message.GetHeader(i);
            header.Id.Should().Be(expected[i].Id);
            Encoding.ASCII.GetString(message.GetName(header)).Should().Be(expected[i].Name);
            Encoding.ASCII.GetString(message.GetValue(header)).Should().Be(expected[i].Value);
            header.LineRange.Start.Value.Should().Be(header.NameRange.Start.Value);
        }

        message.ContentLength.Should().Be(4);
        Encoding.ASCII.GetString(message.Body).Should().Be("body");
    }

    [Theory]
    [InlineData("l: x\r\n", SipParseErrorCode.InvalidContentLength, 47)] // taken by the fast path
    [InlineData("NoColon\r\n", SipParseErrorCode.MissingColon, 51)] // the general path, at the line end
    [InlineData("Bad Name: v\r\n", SipParseErrorCode.MissingColon, 48)] // the general path, after the name's whitespace
    [InlineData("Bad\u0001: v\r\n", SipParseErrorCode.InvalidHeaderName, 47)]
    public void Other_names_with_problems_report_what_the_general_path_reports(string line, SipParseErrorCode code, int offset)
    {
        var data = Bytes("INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h\r\n" + line + "\r\n");
        var index = new SipMessageIndex();
        SipParser.TryParseDatagram(data, index, out _).Should().Be(OperationStatus.InvalidData);
        index.Error.Code.Should().Be(code);
        index.Error.Offset.Should().Be(offset);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    public void Bare_line_breaks_are_found_on_either_side_of_a_block_boundary(int padding)
    {
        string value = new('a', padding);
        foreach (string bad in new[] { "\r", "\n" })
        {
            var data = Bytes($"OPTIONS sip:a@b SIP/2.0\r\nX-Long: {value}{bad}tail\r\nContent-Length: 0\r\n\r\n");
            var index = new SipMessageIndex();
            SipParser.TryParseDatagram(data, index, out _).Should().Be(OperationStatus.InvalidData);
            index.Error.Code.Should().Be(SipParseErrorCode.InvalidLineEnding);
            index.Error.Offset.Should().Be(25 + 8 + padding);
        }

        var good = Bytes($"OPTIONS sip:a@b SIP/2.0\r\nX-Long: {value}\r\nX-Next: {value}\r\nContent-Length: 0\r\n\r\n");
        var ok = new SipMessageIndex();
        SipParser.TryParseDatagram(good, ok, out var message).Should().Be(OperationStatus.Done);
        message.HeaderCount.Should().Be(3);
        message.TryGetHeader("X-Next"u8, out var next).Should().BeTrue();
        message.GetValue(next).Length.Should().Be(padding);
    }

    [Theory]
    [InlineData("a, b", 0, "a")]
    [InlineData("<sip:a@h>;q=1", 0, "<sip:a@h>;q=1")]
    [InlineData("sip:a@h;q=1", 0, "sip:a@h;q=1")]
    [InlineData("\"x,y\" <sip:a,b@h>, c", 0, "\"x,y\" <sip:a,b@h>")]
    [InlineData("\"x,y\" <sip:a,b@h>, c", 1, "c")]
    [InlineData("\"x\\\",y\" <sip:a>, c", 1, "c")]
    [InlineData("<sip:a>;p=\"q,r\", d", 1, "d")]
    public void List_elements_respect_quotes_escapes_and_angles(string value, int n, string expected)
    {
        var data = Bytes($"OPTIONS sip:a@b SIP/2.0\r\nContact: {value}\r\nContent-Length: 0\r\n\r\n");
        SipParser.TryParseDatagram(data, new SipMessageIndex(), out var message);
        message.TryGetValue(SipHeaderId.Contact, n, out var element).Should().BeTrue();
        Encoding.ASCII.GetString(element).Should().Be(expected);
    }

    [Fact]
    public void An_unterminated_quote_ends_the_list()
    {
        var data = Bytes("OPTIONS sip:a@b SIP/2.0\r\nContact: \"x, <sip:a>, c\r\nContent-Length: 0\r\n\r\n");
        SipParser.TryParseDatagram(data, new SipMessageIndex(), out var message);
        message.TryGetValue(SipHeaderId.Contact, 1, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData(";branch=z9hG4bK1;rport", true)]
    [InlineData(";lr", true)]
    [InlineData(";a=", true)]
    [InlineData(";a=b=c", true)]
    [InlineData(";;a", false)]
    [InlineData(";a;", false)]
    [InlineData(";", false)]
    [InlineData(";=b", false)]
    [InlineData(";a/b=c", false)]
    [InlineData("a=b", false)]
    [InlineData(";a=b,c", false)]
    [InlineData(";a = b ; c", true)]
    [InlineData(";a=\"b;c\"", true)]
    [InlineData(";a=\"b", false)]
    public void Parameter_lists_are_checked_the_same_on_both_paths(string text, bool wellFormed)
    {
        new SipParameters(Bytes(text)).IsWellFormed().Should().Be(wellFormed);
    }

    [Theory]
    [InlineData("sip:a@h", SipUriScheme.Sip)]
    [InlineData("SIP:a@h", SipUriScheme.Sip)]
    [InlineData("SipS:a@h", SipUriScheme.Sips)]
    [InlineData("TEL:+1", SipUriScheme.Tel)]
    [InlineData("sit:x", SipUriScheme.Other)]
    [InlineData("sipx:x", SipUriScheme.Other)]
    [InlineData("s1p:x", SipUriScheme.Other)]
    public void Schemes_are_classified_without_case(string text, SipUriScheme kind)
    {
        SipUri.TryParse(Bytes(text), out var uri).Should().BeTrue();
        uri.Kind.Should().Be(kind);
    }

    [Theory]
    [InlineData("sip:a@1.2.3.4", SipHostKind.IPv4)]
    [InlineData("sip:a@198.51.100.23:5060", SipHostKind.IPv4)]
    [InlineData("sip:a@1.2.3", SipHostKind.Name)]
    [InlineData("sip:a@1.2.3.256", SipHostKind.Name)]
    [InlineData("sip:a@host.example9", SipHostKind.Name)]
    public void IPv4_hosts_are_told_from_names(string text, SipHostKind kind)
    {
        SipUri.TryParse(Bytes(text), out var uri).Should().BeTrue();
        uri.HostKind.Should().Be(kind);
    }

    [Theory]
    [InlineData("sip:a b@h")]
    [InlineData("sip:a@h\u007F")]
    [InlineData("sip:a@h\u0001")]
    public void Control_bytes_space_and_delete_are_not_uri_bytes(string text)
    {
        SipUri.TryParse(Bytes(text), out _).Should().BeFalse();
    }

    [Fact]
    public void A_reused_index_forgets_the_headers_of_the_previous_message()
    {
        var index = new SipMessageIndex();
        var first = Bytes("OPTIONS sip:a@b SIP/2.0\r\nRoute: <sip:p;lr>\r\nX-A: 1\r\nContent-Length: 0\r\n\r\n");
        var second = Bytes("OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 0\r\nRoute: <sip:q;lr>\r\n\r\n");
        SipParser.TryParseDatagram(first, index, out _);
        SipParser.TryParseDatagram(second, index, out var message);
        message.TryGetHeader(SipHeaderId.Route, out var route).Should().BeTrue();
        Encoding.ASCII.GetString(message.GetValue(route)).Should().Be("<sip:q;lr>");
        message.CountHeaders(SipHeaderId.Route).Should().Be(1);
        SipParser.TryParseDatagram(Bytes("OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 0\r\n\r\n"), index, out var third);
        third.TryGetHeader(SipHeaderId.Route, out _).Should().BeFalse();
        third.TryGetHeader("X-A"u8, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("1 INVITE", SipMethod.Invite)]
    [InlineData("1 FOO", SipMethod.Extension)]
    [InlineData("1 invite", SipMethod.Extension)]
    public void CSeq_methods_are_classified_case_sensitively(string value, SipMethod method)
    {
        CSeqHeader.TryParse(Bytes(value), out var cseq).Should().BeTrue();
        cseq.Method.Should().Be(method);
    }

    [Theory]
    [InlineData("1 FO/O")]
    [InlineData("1 ")]
    public void CSeq_methods_must_be_tokens(string value)
    {
        CSeqHeader.TryParse(Bytes(value), out _).Should().BeFalse();
    }
}
