using System.Buffers;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AlwaysConnected.Routing.Ars.Authentication;
using AlwaysConnected.Routing.Ars.Evaluation;
using AlwaysConnected.Routing.Presets;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Sip.Writing;
using AlwaysConnected.Routing.Tests.Support;

namespace AlwaysConnected.Routing.Tests.Router;

/// <summary>
/// Case 2 of the recipe end to end in process: the dial plan forwards to the PBX core, ARS IN marks
/// the call, ARS OUT picks the trunk, and the trunk's 401 is answered with the route's credentials.
/// </summary>
public class AlwaysConnectedCase2FlowTests
{
    private static SipRouter Router() => new SipRouterBuilder()
        .UseAlwaysConnected(o =>
        {
            o.ItspDomain = "itsp.example.net";
            o.Account = "0312345678";
            o.RequiresAuthentication = true;
            o.TrunkTarget = "itsp.example.net:5060";
            o.Password = "s3cret";
        })
        .Build();

    private static byte[] Write(SipMessage message, RoutingDecision decision)
    {
        var output = new ArrayBufferWriter<byte>();
        SipRequestWriter.TryWrite(message, decision, output, out var error).Should().BeTrue(error.ToString());
        return output.WrittenSpan.ToArray();
    }

    [Fact]
    public void The_media_server_invite_reaches_the_trunk_with_credentials_that_answer_its_challenge()
    {
        var router = Router();

        // 1. SIP server: the dial plan sends the Media Server's INVITE to the PBX core.
        var index = new SipMessageIndex();
        var decision = new RoutingDecision();
        var atSipServer = ParsedRequest.Parse(SeedMessages.MediaServerInvite(), index);
        router.Route(atSipServer, SeedMessages.FromMediaServer, decision);
        decision.GetTargetString().Should().Be("127.0.0.1:5052");
        var toPbx = Write(atSipServer, decision);

        // 2. PBX core, ARS IN: the marker is recognised and the call marked.
        var properties = new CallProperties();
        var fromSipServer = new RoutingContext(new IPEndPoint(IPAddress.Loopback, 5060)) { Properties = properties };
        var atPbx = ParsedRequest.Parse(toPbx, index);
        router.RouteIn(atPbx, fromSipServer, decision).Should().BeTrue();
        decision.Stage.Should().Be(RoutingStage.ArsIn);
        properties.GetString("action.type").Should().Be("pin");
        var afterIn = Write(atPbx, decision);
        ParsedRequest.HeaderValue(afterIn, "From").Should().Contain("sip:0312345678@").And.Contain("tag=ms1");

        // 3. PBX core, ARS OUT: the marked call to a 10-20 digit number takes the ITSP trunk.
        var selection = new ArsSelection();
        var outgoing = ParsedRequest.Parse(afterIn, index);
        router.RouteOut(outgoing, fromSipServer, decision, selection).Should().BeTrue();
        decision.Stage.Should().Be(RoutingStage.ArsOut);
        decision.GetTargetString().Should().Be("itsp.example.net:5060");
        selection.RouteName.Should().Be(AlwaysConnectedPreset.ArsRoute);
        var toTrunk = Write(outgoing, decision);
        var requestUri = ParsedRequest.RequestUri(toTrunk);
        requestUri.Should().Be("sip:09012345678@itsp.example.net", "the carrier routes on its own domain");
        ParsedRequest.HeaderValue(toTrunk, "To").Should().Be("<sip:09012345678@itsp.example.net>");
        ParsedRequest.HeaderValue(toTrunk, "From").Should().Be("\"Agent 101\" <sip:0312345678@itsp.example.net>;tag=ms1",
            "the carrier checks the From user and domain against the account; the dialog's display name and tag stay");
        ParsedRequest.HeaderValue(toTrunk, "X-PBX-Param").Should().BeNull("the internal marker never leaves the PBX");

        // 4. The trunk challenges; the answer carries a digest computed from the route's credentials.
        var challenge = Encoding.ASCII.GetBytes(
            "SIP/2.0 401 Unauthorized\r\nVia: SIP/2.0/UDP 127.0.0.1:5052;branch=z9hG4bK-1\r\nFrom: <sip:0312345678@itsp.example.net>;tag=ms1\r\n"
            + "To: <sip:09012345678@itsp.example.net>;tag=t1\r\nCall-ID: test-call-1@192.0.2.1\r\nCSeq: 1 INVITE\r\n"
            + "WWW-Authenticate: Digest realm=\"itsp.example.net\", nonce=\"n0nce\", qop=\"auth\", algorithm=MD5\r\nContent-Length: 0\r\n\r\n");
        var responseIndex = new SipMessageIndex();
        SipParser.TryParseDatagram(challenge, responseIndex, out var response).Should().Be(OperationStatus.Done);
        ArsChallengeResponder.TryCreateAuthorization(response, selection.Credentials!, "INVITE", requestUri, new DigestAuthenticator(), out var authorization)
            .Should().BeTrue();
        authorization!.HeaderName.Should().Be("Authorization");
        ExpectedDigest(authorization.Value, "0312345678", "s3cret", "INVITE", requestUri).Should().Be(Field(authorization.Value, "response"));
    }

    [Theory]
    [InlineData("090123456", "pin")] // 9 digits: OUT needs 10 to 20.
    [InlineData("09012345678", null)] // No marker: IN does not mark the call, OUT does not match.
    public void Without_the_marker_or_with_a_short_number_no_trunk_is_selected(string number, string? marker)
    {
        var router = Router();
        var index = new SipMessageIndex();
        var decision = new RoutingDecision();
        var properties = new CallProperties();
        var context = new RoutingContext(new IPEndPoint(IPAddress.Loopback, 5060)) { Properties = properties };
        var message = ParsedRequest.Parse(SeedMessages.MediaServerInvite(number, marker), index);

        router.RouteIn(message, context, decision);
        router.RouteOut(message, context, decision).Should().BeFalse();
        decision.Outcome.Should().Be(RoutingOutcome.NoMatch);
    }

    /// <summary>RFC 2617 / 7616 digest with qop=auth, computed here from the header's own nonce, cnonce and nc.</summary>
    private static string ExpectedDigest(string header, string user, string password, string method, string uri)
    {
        static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
        var ha1 = Md5($"{user}:{Field(header, "realm")}:{password}");
        var ha2 = Md5($"{method}:{uri}");
        Field(header, "uri").Should().Be(uri);
        return Md5($"{ha1}:{Field(header, "nonce")}:{Field(header, "nc")}:{Field(header, "cnonce")}:{Field(header, "qop")}:{ha2}");
    }

    private static string Field(string header, string name)
    {
        var match = Regex.Match(header, $@"(?:^|[ ,]){name}=(?:""([^""]*)""|([^,\s]+))");
        match.Success.Should().BeTrue($"{name} must be in {header}");
        return match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value;
    }
}
