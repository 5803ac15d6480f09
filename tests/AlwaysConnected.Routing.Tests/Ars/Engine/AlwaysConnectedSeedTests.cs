using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Ars.Authentication;
using AlwaysConnected.Routing.Ars.Compilation;
using AlwaysConnected.Routing.Ars.Evaluation;
using AlwaysConnected.Routing.Ars.Text;
using AlwaysConnected.Routing.Collections;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Tests.Support;

namespace AlwaysConnected.Routing.Tests.Ars.Engine;

/// <summary>The seed's case 2: the Media Server's INVITE goes through ARS IN and ARS OUT to an authenticating ITSP.</summary>
public class AlwaysConnectedSeedTests
{
    private const string MediaServerFrom = "<sip:mediaserver@127.0.0.1:5056>;tag=ms-1";

    internal static ArsDefinition SeedDefinition()
    {
        var parsed = ArsTextReader.Parse(ArsTestData.Read("seed-always-connected.txt"));
        var inRoute = parsed.Routes[0];
        var outRoute = parsed.Routes[1];
        var outBlock = outRoute.OutBlocks[0] with { Trunk = new TrunkConnection("itsp.example.com:5060") };
        outRoute = outRoute with
        {
            Credentials = new TrunkCredentials("0312345678", "s3cret"),
            OutBlocks = EquatableArray.Create(outBlock),
        };
        return parsed with { Routes = EquatableArray.Create(inRoute, outRoute) };
    }

    internal static CompiledArs Compile() => ArsCompiler.Compile(SeedDefinition());

    [Fact]
    public void Pin_invite_matches_in_sets_the_property_and_rewrites_from()
    {
        var ars = Compile();
        var request = ArsHarness.Invite("sip:09012345678@127.0.0.1:5052", "<sip:09012345678@127.0.0.1:5052>", MediaServerFrom, ("X-PBX-Param", "pin"));
        var properties = new CallProperties();
        var decision = new RoutingDecision();

        ArsHarness.Route(ars, ArsDirection.In, request, properties, decision).Should().BeTrue();

        decision.Outcome.Should().Be(RoutingOutcome.Forward);
        decision.Stage.Should().Be(RoutingStage.ArsIn);
        decision.AppliedRules.Should().Equal("route-1 IN 1");
        properties.GetString("action.type").Should().Be("pin");
        decision.TryGetEnvironment("&action.type", out var env).Should().BeTrue();
        ArsHarness.Text(env).Should().Be("pin");
        var written = ArsHarness.Write(request, decision);
        ParsedRequest.HeaderValue(written, "From").Should().Be("<sip:pin@127.0.0.1:5056>;tag=ms-1");
        ParsedRequest.HeaderValue(written, "To").Should().Be("<sip:09012345678@127.0.0.1:5052>");
        decision.HasTarget.Should().BeFalse("an IN route hands the call to the PBX, it does not pick a next hop");
    }

    [Fact]
    public void The_blank_from_reference_is_a_compile_warning_located_at_the_field()
    {
        var ars = Compile();

        var warning = ars.Diagnostics.Should().ContainSingle(d => d.Id == RoutingDiagnosticIds.ArsMissingGroup).Subject;
        warning.Severity.Should().Be(RoutingDiagnosticSeverity.Warning);
        warning.Route.Should().Be("route-1");
        warning.Section.Should().Be("IN 1");
        warning.Field.Should().Be("Deploy From");
        warning.Message.Should().Contain("&f1");
    }

    [Fact]
    public void Out_selects_the_itsp_trunk_and_moves_request_uri_and_to_onto_it()
    {
        var ars = Compile();
        var request = ArsHarness.Invite("sip:09012345678@127.0.0.1:5052", "<sip:09012345678@127.0.0.1:5052>", MediaServerFrom, ("X-PBX-Param", "pin"));
        var properties = new CallProperties();
        var decision = new RoutingDecision();
        ArsHarness.Route(ars, ArsDirection.In, request, properties, decision).Should().BeTrue();
        var afterIn = ArsHarness.Write(request, decision);
        var selection = new ArsSelection();

        ArsHarness.Route(ars, ArsDirection.Out, afterIn, properties, decision, selection).Should().BeTrue();

        decision.Stage.Should().Be(RoutingStage.ArsOut);
        decision.Outcome.Should().Be(RoutingOutcome.Forward);
        decision.GetTargetString().Should().Be("itsp.example.com:5060");
        decision.GetRequestUriString().Should().Be("sip:09012345678@itsp.example.com:5060");
        selection.RouteName.Should().Be("route-2");
        selection.Credentials!.User.Should().Be("0312345678");
        var written = ArsHarness.Write(afterIn, decision);
        ParsedRequest.RequestUri(written).Should().Be("sip:09012345678@itsp.example.com:5060");
        ParsedRequest.HeaderValue(written, "To").Should().Be("<sip:09012345678@itsp.example.com>");
        ParsedRequest.HeaderValue(written, "From").Should().Be("<sip:pin@127.0.0.1:5056>;tag=ms-1");
    }

    [Fact]
    public void Without_the_pin_header_neither_stage_matches()
    {
        var ars = Compile();
        var request = ArsHarness.Invite("sip:09012345678@127.0.0.1:5052", "<sip:09012345678@127.0.0.1:5052>", MediaServerFrom);
        var properties = new CallProperties();
        var decision = new RoutingDecision();

        ArsHarness.Route(ars, ArsDirection.In, request, properties, decision).Should().BeFalse();
        properties.Count.Should().Be(0);
        ArsHarness.Route(ars, ArsDirection.Out, request, properties, decision).Should().BeFalse();
        decision.Outcome.Should().Be(RoutingOutcome.NoMatch);
        decision.HasTarget.Should().BeFalse();
    }

    [Fact]
    public void A_nine_digit_number_passes_in_but_not_out()
    {
        var ars = Compile();
        var request = ArsHarness.Invite("sip:090123456@127.0.0.1:5052", "<sip:090123456@127.0.0.1:5052>", MediaServerFrom, ("X-PBX-Param", "pin"));
        var properties = new CallProperties();
        var decision = new RoutingDecision();

        ArsHarness.Route(ars, ArsDirection.In, request, properties, decision).Should().BeTrue();
        ArsHarness.Route(ars, ArsDirection.Out, request, properties, decision).Should().BeFalse();
        decision.Outcome.Should().Be(RoutingOutcome.NoMatch);
    }

    [Fact]
    public void A_pin_header_with_another_value_does_not_match_in()
    {
        var ars = Compile();
        var request = ArsHarness.Invite("sip:09012345678@127.0.0.1:5052", "<sip:09012345678@127.0.0.1:5052>", MediaServerFrom, ("X-PBX-Param", "pinx"));

        ArsHarness.Route(ars, ArsDirection.In, request, new CallProperties(), new RoutingDecision()).Should().BeFalse();
    }

    [Fact]
    public void The_trunks_401_is_answered_with_the_routes_credentials()
    {
        var ars = Compile();
        var request = ArsHarness.Invite("sip:09012345678@127.0.0.1:5052", "<sip:09012345678@127.0.0.1:5052>", MediaServerFrom, ("X-PBX-Param", "pin"));
        var properties = new CallProperties();
        var decision = new RoutingDecision();
        var selection = new ArsSelection();
        ArsHarness.Route(ars, ArsDirection.In, request, properties, decision);
        ArsHarness.Route(ars, ArsDirection.Out, ArsHarness.Write(request, decision), properties, decision, selection).Should().BeTrue();
        var requestUri = decision.GetRequestUriString()!;
        var response = Encoding.UTF8.GetBytes(
            "SIP/2.0 401 Unauthorized\r\n" +
            "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-test-1\r\n" +
            "From: <sip:pin@127.0.0.1:5056>;tag=ms-1\r\n" +
            "To: <sip:09012345678@itsp.example.com>;tag=itsp-9\r\n" +
            "Call-ID: test-call-1@192.0.2.1\r\n" +
            "CSeq: 1 INVITE\r\n" +
            "WWW-Authenticate: Digest realm=\"itsp.example.com\", nonce=\"5f1c0a7e\", qop=\"auth\", algorithm=MD5, opaque=\"op-1\"\r\n" +
            "Content-Length: 0\r\n\r\n");
        var index = new SipMessageIndex();
        SipParser.TryParseDatagram(response, index, out var parsed).Should().Be(OperationStatus.Done);

        ArsChallengeResponder.TryCreateAuthorization(parsed, selection.Credentials!, "INVITE", requestUri, new DigestAuthenticator(new FixedCnonce("c0ffee")), out var authorization)
            .Should().BeTrue();

        authorization!.HeaderName.Should().Be("Authorization");
        string Param(string name) => Regex.Match(authorization.Value, name + "=\"?([^\",]+)\"?").Groups[1].Value;
        Param("username").Should().Be("0312345678");
        Param("uri").Should().Be("sip:09012345678@itsp.example.com:5060");
        Param("nc").Should().Be("00000001");
        Param("opaque").Should().Be("op-1");
        var ha1 = Md5("0312345678:itsp.example.com:s3cret");
        var ha2 = Md5("INVITE:sip:09012345678@itsp.example.com:5060");
        Param("response").Should().Be(Md5($"{ha1}:5f1c0a7e:00000001:c0ffee:auth:{ha2}"));
    }

    [Fact]
    public void A_407_is_answered_with_proxy_authorization_and_a_foreign_realm_is_refused()
    {
        var response = Encoding.UTF8.GetBytes(
            "SIP/2.0 407 Proxy Authentication Required\r\n" +
            "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-test-1\r\n" +
            "From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\n" +
            "Proxy-Authenticate: Digest realm=\"proxy.example\", nonce=\"n1\"\r\n" +
            "Content-Length: 0\r\n\r\n");
        var index = new SipMessageIndex();
        SipParser.TryParseDatagram(response, index, out var parsed).Should().Be(OperationStatus.Done);
        var authenticator = new DigestAuthenticator(new FixedCnonce("c1"));

        ArsChallengeResponder.TryCreateAuthorization(parsed, new TrunkCredentials("u", "p"), "INVITE", "sip:1@d", authenticator, out var answer).Should().BeTrue();
        answer!.HeaderName.Should().Be("Proxy-Authorization");
        var ha1 = Md5("u:proxy.example:p");
        var ha2 = Md5("INVITE:sip:1@d");
        answer.Value.Should().Contain($"response=\"{Md5($"{ha1}:n1:{ha2}")}\"");

        ArsChallengeResponder.TryCreateAuthorization(parsed, new TrunkCredentials("u", "p", realm: "other.example"), "INVITE", "sip:1@d", authenticator, out _).Should().BeFalse();
    }

    private static string Md5(string text) =>
#pragma warning disable CA5351 // The digest scheme under test is MD5.
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351

    private sealed class FixedCnonce(string value) : ICnonceSource
    {
        public string NextCnonce() => value;
    }
}
