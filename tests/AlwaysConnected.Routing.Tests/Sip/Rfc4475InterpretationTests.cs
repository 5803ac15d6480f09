using System.Buffers;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Tests.Sip;

/// <summary>The interpretations RFC 4475 asks for (INDEX.md "what it tests").</summary>
public class Rfc4475InterpretationTests
{
    private readonly SipMessageIndex _index = new();

    private SipMessage Parse(string name)
    {
        SipParser.TryParseDatagram(SipTestData.Rfc4475(name), _index, out var message).Should().Be(OperationStatus.Done);
        return message;
    }

    private static string Unescape(ReadOnlySpan<byte> escaped)
    {
        var buffer = new byte[escaped.Length];
        SipUri.TryUnescape(escaped, buffer, out int written).Should().BeTrue();
        return SipTestData.Text(buffer.AsSpan(0, written));
    }

    [Fact]
    public void Wsinv_unfolds_values_and_finds_three_vias_and_compact_forms()
    {
        var message = Parse("wsinv");

        SipTestData.Text(message.GetFirstValue(SipHeaderId.To)).Should().Be("sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n");
        SipTestData.Text(message.GetFirstValue(SipHeaderId.CSeq)).Should().Be("0009 INVITE");
        SipTestData.Text(message.GetFirstValue(SipHeaderId.Subject)).Should().BeEmpty();
        message.TryGetHeader(SipHeaderId.MaxForwards, out var mf).Should().BeTrue();
        SipTestData.Text(message.GetName(mf)).Should().Be("MaX-fOrWaRdS");
        SipIntegers.TryParseMaxForwards(message.GetValue(mf), out int hops).Should().BeTrue();
        hops.Should().Be(68);

        var vias = new List<string>();
        foreach (var via in message.EnumerateValues(SipHeaderId.Via))
        {
            ViaHeader.TryParse(via, out var parsed).Should().BeTrue();
            vias.Add(SipTestData.Text(parsed.Transport) + " " + SipTestData.Text(parsed.Host) + " " + SipTestData.Text(parsed.Branch));
        }

        vias.Should().Equal("UDP 192.0.2.2 390skdjuw", "TCP spindle.example.com z9hG4bK9ikj8", "UDP 192.168.255.111 z9hG4bK30239");
        message.TryGetHeader("UnknownHeaderWithUnusualValue"u8, out var odd).Should().BeTrue();
        SipTestData.Text(message.GetValue(odd)).Should().Be(";;,,;;,;");
        message.Body.Length.Should().Be(150);

        NameAddress.TryParse(message.GetFirstValue(SipHeaderId.From), out var from).Should().BeTrue();
        var name = new byte[from.DisplayName.Length];
        from.TryUnescapeDisplayName(name, out int n).Should().BeTrue();
        SipTestData.Text(name.AsSpan(0, n)).Should().Be("J Rosenberg \\\"");
        from.Parameters.TryGetValue("tag"u8, out var tag).Should().BeTrue();
        SipTestData.Text(tag).Should().Be("98asjd8");

        message.TryGetValue(SipHeaderId.Contact, 0, out var contact).Should().BeTrue();
        NameAddress.TryParse(contact, out var c).Should().BeTrue();
        c.Parameters.TryGetValue("Q"u8, out var q).Should().BeTrue();
        SipTestData.Text(q).Should().Be("0.33");
        c.Parameters.Contains("secondparam"u8).Should().BeTrue();
    }

    [Fact]
    public void Folded_header_keeps_its_raw_range_and_line_range()
    {
        var message = Parse("wsinv");
        message.TryGetHeader(SipHeaderId.CSeq, out var cseq).Should().BeTrue();

        cseq.IsFolded.Should().BeTrue();
        SipTestData.Text(message.Span[cseq.ValueRange]).Should().Be("0009\r\n  INVITE");
        SipTestData.Text(message.Span[cseq.LineRange]).Should().Be("cseq: 0009\r\n  INVITE\r\n");
    }

    [Fact]
    public void Intmeth_keeps_extension_method_and_nul_in_display_name()
    {
        var message = Parse("intmeth");

        message.Method.Should().Be(SipMethod.Extension);
        SipTestData.Text(message.MethodBytes).Should().Be("!interesting-Method0123456789_*+`.%indeed'~");
        SipUri.TryParse(message.RequestUri, out var uri).Should().BeTrue();
        SipTestData.Text(uri.User).Should().Be("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
        SipTestData.Text(uri.Password).Should().Be("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
        SipTestData.Text(uri.Host).Should().Be("example.com");

        NameAddress.TryParse(message.GetFirstValue(SipHeaderId.To), out var to).Should().BeTrue();
        var name = new byte[to.DisplayName.Length];
        to.TryUnescapeDisplayName(name, out int n).Should().BeTrue();
        name.AsSpan(0, n).ToArray().Should().Equal("BEL:\a NUL:\0 DEL:\x7f"u8.ToArray());

        message.TryGetHeader("extensionHeader-!.%*+_`'~"u8, out var ext).Should().BeTrue();
        message.GetValue(ext)[..3].ToArray().Should().Equal(0xEF, 0xBB, 0xBF);
        SipMessageValidator.TryValidate(message, out _).Should().BeTrue();
    }

    [Fact]
    public void Esc01_unescapes_exactly_once()
    {
        var message = Parse("esc01");
        SipUri.TryParse(message.RequestUri, out var ruri).Should().BeTrue();
        Unescape(ruri.User).Should().Be("sips:user@example.com");
        SipTestData.Text(ruri.Host).Should().Be("example.net");

        NameAddress.TryParse(message.GetFirstValue(SipHeaderId.Contact), out var contact).Should().BeTrue();
        contact.TryGetUri(out var curi).Should().BeTrue();
        var names = new List<string>();
        foreach (var p in curi.Parameters)
        {
            names.Add(Unescape(p.Name) + (p.HasValue ? "=" + Unescape(p.Value) : string.Empty));
        }

        names.Should().Equal("lr", "name=value%41");
        SipTestData.Text(message.GetFirstValue(SipHeaderId.ContentType)).Should().Be("application/sdp");
    }

    [Fact]
    public void Escnull_gives_two_distinct_contacts_with_nul_users()
    {
        var message = Parse("escnull");
        var users = new List<byte[]>();
        foreach (var value in message.EnumerateValues(SipHeaderId.Contact))
        {
            NameAddress.TryParse(value, out var c).Should().BeTrue();
            c.TryGetUri(out var uri).Should().BeTrue();
            var buffer = new byte[uri.User.Length];
            SipUri.TryUnescape(uri.User, buffer, out int written).Should().BeTrue();
            users.Add(buffer[..written]);
        }

        users.Should().HaveCount(2);
        users[0].Should().Equal(0);
        users[1].Should().Equal(0, 0);
        message.ContentLength.Should().Be(0);
    }

    [Fact]
    public void Esc02_percent_is_not_an_escape_in_method_or_header_name()
    {
        var message = Parse("esc02");

        message.Method.Should().Be(SipMethod.Extension);
        SipTestData.Text(message.MethodBytes).Should().Be("RE%47IST%45R");
        message.CountHeaders(SipHeaderId.Contact).Should().Be(2);
        message.TryGetHeader("C%6Fntact"u8, out var ext).Should().BeTrue();
        ext.Id.Should().Be(SipHeaderId.Extension);
        NameAddress.TryParse(message.GetFirstValue(SipHeaderId.To), out var to).Should().BeTrue();
        SipTestData.Text(to.DisplayName).Should().Be("%Z%45");
    }

    [Fact]
    public void Longreq_has_34_vias_in_mixed_spellings()
    {
        var message = Parse("longreq");
        message.CountHeaders(SipHeaderId.Via).Should().Be(34);
        message.Span.Length.Should().Be(3515);
    }

    [Fact]
    public void Semiuri_semicolon_belongs_to_the_user_part()
    {
        var message = Parse("semiuri");
        SipUri.TryParse(message.RequestUri, out var uri).Should().BeTrue();

        Unescape(uri.User).Should().Be("user;par=u@example.net");
        SipTestData.Text(uri.Host).Should().Be("example.com");
        uri.ParametersText.IsEmpty.Should().BeTrue();
        message.TryGetHeader(SipHeaderId.Accept, out var accept).Should().BeTrue();
        accept.IsFolded.Should().BeTrue();
    }

    [Fact]
    public void Dblreq_datagram_ignores_trailing_bytes_and_stream_hands_out_the_invite_next()
    {
        var data = SipTestData.Rfc4475("dblreq");
        SipParser.TryParseDatagram(data, _index, out var message).Should().Be(OperationStatus.Done);
        message.Method.Should().Be(SipMethod.Register);
        message.Span.Length.Should().BeLessThan(data.Length);

        var input = new ReadOnlySequence<byte>(data);
        SipParser.TryParseStream(input, _index, out var first, out var consumed).Should().Be(OperationStatus.Done);
        first.Method.Should().Be(SipMethod.Register);
        var rest = input.Slice(consumed);
        SipParser.TryParseStream(rest, _index, out var second, out _).Should().Be(OperationStatus.Done);
        second.Method.Should().Be(SipMethod.Invite);
    }

    [Fact]
    public void Clerr_needs_more_data_on_a_stream()
    {
        var input = new ReadOnlySequence<byte>(SipTestData.Rfc4475("clerr"));
        SipParser.TryParseStream(input, _index, out _, out var consumed).Should().Be(OperationStatus.NeedMoreData);
        consumed.Should().Be(input.Start);
    }

    [Theory]
    [InlineData("ncl")]
    [InlineData("mcl01")]
    [InlineData("inv2543")]
    public void Unframeable_messages_are_fatal_on_a_stream(string name)
    {
        var input = new ReadOnlySequence<byte>(SipTestData.Rfc4475(name));
        SipParser.TryParseStream(input, _index, out _, out var consumed).Should().Be(OperationStatus.InvalidData);
        consumed.Should().Be(input.Start);
    }

    [Fact]
    public void Cparam01_param_outside_brackets_is_a_header_param()
    {
        NameAddress.TryParse(Parse("cparam01").GetFirstValue(SipHeaderId.Contact), out var c).Should().BeTrue();
        c.Parameters.Contains("unknownparam"u8).Should().BeTrue();
        c.TryGetUri(out var uri).Should().BeTrue();
        uri.Parameters.Contains("unknownparam"u8).Should().BeFalse();
    }

    [Fact]
    public void Cparam02_param_inside_brackets_is_a_uri_param()
    {
        NameAddress.TryParse(Parse("cparam02").GetFirstValue(SipHeaderId.Contact), out var c).Should().BeTrue();
        c.Parameters.Contains("unknownparam"u8).Should().BeFalse();
        c.TryGetUri(out var uri).Should().BeTrue();
        uri.Parameters.Contains("unknownparam"u8).Should().BeTrue();
    }

    [Fact]
    public void Regescrt_keeps_the_escaped_uri_header()
    {
        NameAddress.TryParse(Parse("regescrt").GetFirstValue(SipHeaderId.Contact), out var c).Should().BeTrue();
        c.TryGetUri(out var uri).Should().BeTrue();
        SipTestData.Text(uri.Headers).Should().Be("Route=%3Csip:sip.example.com%3E");
    }

    [Fact]
    public void Inv2543_body_is_the_rest_of_the_datagram()
    {
        var data = SipTestData.Rfc4475("inv2543");
        var message = Parse("inv2543");
        message.ContentLength.Should().Be(-1);
        message.Body.Length.Should().Be(105);
        message.BodyRange.End.Value.Should().Be(data.Length);
    }

    [Fact]
    public void Mpart01_frames_binary_body_by_content_length()
    {
        var message = Parse("mpart01");
        message.Body.Length.Should().Be(553);
        message.Method.Should().Be(SipMethod.Message);
    }

    [Fact]
    public void Responses_expose_status_and_reason()
    {
        var unreason = Parse("unreason");
        unreason.IsRequest.Should().BeFalse();
        unreason.StatusCode.Should().Be(200);
        SipTestData.Text(unreason.ReasonPhrase).Should().Be("= 2**3 * 5**2 но сто девяносто девять - простое");

        var noreason = Parse("noreason");
        noreason.StatusCode.Should().Be(100);
        noreason.ReasonPhrase.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void Unknown_schemes_parse_as_absolute_uris()
    {
        SipUri.TryParse(Parse("unkscm").RequestUri, out var a).Should().BeTrue();
        a.Kind.Should().Be(SipUriScheme.Other);
        SipTestData.Text(a.Opaque).Should().Be("totallyopaquecontent");

        SipUri.TryParse(Parse("novelsc").RequestUri, out var b).Should().BeTrue();
        SipTestData.Text(b.Scheme).Should().Be("soap.beep");
    }

    [Fact]
    public void Transports_reads_unknown_transport_and_call_id_after_two_spaces()
    {
        var message = Parse("transports");
        var transports = new List<string>();
        foreach (var v in message.EnumerateValues(SipHeaderId.Via))
        {
            ViaHeader.TryParse(v, out var via).Should().BeTrue();
            transports.Add(SipTestData.Text(via.Transport));
        }

        transports.Should().Equal("UDP", "SCTP", "TLS", "UNKNOWN", "TCP");
        message.GetFirstValue(SipHeaderId.CallId)[0].Should().NotBe((byte)' ');
    }

    [Fact]
    public void Badvers_reports_the_version()
    {
        var message = Parse("badvers");
        SipTestData.Text(message.Version).Should().Be("SIP/7.0");
    }

    [Fact]
    public void After_a_parse_error_the_headers_for_a_400_are_still_readable()
    {
        SipParser.TryParseDatagram(SipTestData.Rfc4475("scalar02"), _index, out var message).Should().Be(OperationStatus.InvalidData);
        message.TryGetHeader(SipHeaderId.Via, out _).Should().BeTrue();
        message.TryGetHeader(SipHeaderId.From, out _).Should().BeTrue();
        message.TryGetHeader(SipHeaderId.To, out _).Should().BeTrue();
        message.TryGetHeader(SipHeaderId.CallId, out _).Should().BeTrue();
        message.TryGetHeader(SipHeaderId.CSeq, out _).Should().BeTrue();
        _index.Error.Header.Should().Be(SipHeaderId.CSeq);
        SipTestData.Text(message.Span[_index.Error.Offset..]).Should().StartWith("36893488147419103232");
    }

    [Fact]
    public void Lwsstart_still_exposes_headers_after_a_start_line_error()
    {
        SipParser.TryParseDatagram(SipTestData.Rfc4475("lwsstart"), _index, out var message).Should().Be(OperationStatus.InvalidData);
        message.TryGetHeader(SipHeaderId.Via, out _).Should().BeTrue();
        message.TryGetHeader(SipHeaderId.CallId, out _).Should().BeTrue();
    }
}
