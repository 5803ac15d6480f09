using System.Buffers;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Ars.Authentication;
using AlwaysConnected.Routing.Ars.Calls;
using AlwaysConnected.Routing.Sip;
using Microsoft.Extensions.Time.Testing;

namespace AlwaysConnected.Routing.Tests.Ars.Calls;

/// <summary>
/// Two trunks in priority order behind one router on a fake clock: TRUNK_A (priority 1, Max Sessions 2, 503 and
/// timeout fail over, 3 s response timeout, 30 s recovery, credentials for realm <c>itsp.example</c>) and TRUNK_B
/// (priority 2, unlimited). Builds the trunk's responses and drives calls.
/// </summary>
internal sealed class TrunkCallHarness
{
    public const string Routes = """
        [Route TRUNK_A]
        [Credentials]
        User: acct
        Password: secret
        Realm: itsp.example
        Patterns - OUT 1
        Priority: 1
        Max Sessions: 2
        [Matching Patterns]
        To: sip:([0-9]+)@
        [Deploy Patterns]
        To: sip:&t1@itsp.example
        Target: 127.0.0.1:5070
        Response Timeout: 3000ms
        Recovery Time: 30s
        Failover: 503

        [Route TRUNK_B]
        [Credentials]
        User: acct-b
        Password: secret-b
        Patterns - OUT 1
        Priority: 2
        [Matching Patterns]
        To: sip:([0-9]+)@
        [Deploy Patterns]
        To: sip:&t1@backup.example
        Target: 127.0.0.1:5080
        Failover: 503,no-timeout
        """;

    public TrunkCallHarness(string routes = Routes)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        Router = new SipRouterBuilder().AddArsText(routes).WithOptions(new SipRouterOptions { TimeProvider = Time }).Build();
        Authenticator = new DigestAuthenticator(new FixedCnonce("c0ffee"));
        ResponseTimedOut = call => TimedOut.Add(call);
    }

    public FakeTimeProvider Time { get; }

    public SipRouter Router { get; }

    /// <summary>The calls' authenticator, with a fixed cnonce.</summary>
    public DigestAuthenticator Authenticator { get; }

    /// <summary>The response-timeout callback: records the call in <see cref="TimedOut"/>.</summary>
    public Action<TrunkCall> ResponseTimedOut { get; }

    public List<TrunkCall> TimedOut { get; } = [];

    public int SessionsA => Router.GetActiveSessions("TRUNK_A", ArsDirection.Out, 1);

    public int SessionsB => Router.GetActiveSessions("TRUNK_B", ArsDirection.Out, 1);

    public static byte[] Invite(string number = "0312345678", string callId = "call-1", uint cseq = 1, string body = "") =>
        Support.TestRequest.Build(
            "INVITE",
            $"sip:{number}@pbx.local",
            [("To", $"<sip:{number}@pbx.local>"), ("From", "<sip:300@pbx.local>;tag=f1"), ("Call-ID", callId), ("CSeq", $"{cseq} INVITE")],
            body);

    public TrunkCall NewCall() => new(Router, ResponseTimedOut, Authenticator, pool: null);

    public TrunkCallPool NewPool(int capacity = 256) => new(Router, ResponseTimedOut, Authenticator, capacity);

    public TrunkCallAction Start(TrunkCall call, byte[]? request = null)
    {
        var bytes = request ?? Invite();
        var index = new SipMessageIndex();
        SipParser.TryParseDatagram(bytes, index, out var message).Should().Be(OperationStatus.Done);
        return call.Start(message, new RoutingContext(new IPEndPoint(IPAddress.Loopback, 5056)));
    }

    public static TrunkCallAction Respond(TrunkCall call, int status, params string[] headers) => Respond(call, call.Attempt, status, headers);

    public static TrunkCallAction Respond(TrunkCall call, long attempt, int status, params string[] headers)
    {
        var bytes = Response(status, CurrentCSeq(call), headers);
        var index = new SipMessageIndex();
        SipParser.TryParseDatagram(bytes, index, out var message).Should().Be(OperationStatus.Done);
        return call.OnResponse(attempt, message);
    }

    public static byte[] Response(int status, uint cseq, params string[] headers)
    {
        var text = new StringBuilder();
        text.Append("SIP/2.0 ").Append(status).Append(" Reason\r\n");
        text.Append("Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-1\r\n");
        text.Append("From: <sip:300@pbx.local>;tag=f1\r\n");
        text.Append("To: <sip:0312345678@itsp.example>").Append(status > 100 ? ";tag=t1" : "").Append("\r\n");
        text.Append("Call-ID: call-1\r\n");
        text.Append("CSeq: ").Append(cseq).Append(" INVITE\r\n");
        foreach (var header in headers)
        {
            text.Append(header).Append("\r\n");
        }

        text.Append("Content-Length: 0\r\n\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The CSeq number of the request the call last handed out.</summary>
    public static uint CurrentCSeq(TrunkCall call) =>
        CSeqHeader.TryParse(Encoding.UTF8.GetBytes(Header(call.Request, "CSeq") ?? "1 INVITE"), out var cseq) ? cseq.Number : 0;

    public static string Text(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    /// <summary>The value of a header of a request, or null.</summary>
    public static string? Header(ReadOnlySpan<byte> request, string name)
    {
        foreach (var line in Text(request).Split("\r\n"))
        {
            if (line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
            {
                return line[(name.Length + 1)..].Trim();
            }
        }

        return null;
    }

    /// <summary>Checks a digest response independently of the library (RFC 2617 / RFC 7616, qop=auth).</summary>
    public static bool DigestIsValid(string authorization, string user, string password, string method)
    {
        var fields = authorization["Digest ".Length..].Split(", ")
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1].Trim('"'), StringComparer.Ordinal);
        Func<string, string> hash = fields["algorithm"] == "SHA-256"
            ? s => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)))
#pragma warning disable CA5351 // The protocol asks for MD5; this checks it.
            : s => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(s)));
#pragma warning restore CA5351
        var ha1 = hash($"{user}:{fields["realm"]}:{password}");
        var ha2 = hash($"{method}:{fields["uri"]}");
        var expected = fields.TryGetValue("qop", out var qop)
            ? hash($"{ha1}:{fields["nonce"]}:{fields["nc"]}:{fields["cnonce"]}:{qop}:{ha2}")
            : hash($"{ha1}:{fields["nonce"]}:{ha2}");
        return fields["username"] == user && fields["response"] == expected;
    }

    public sealed class FixedCnonce(string value) : ICnonceSource
    {
        public string NextCnonce() => value;
    }
}
