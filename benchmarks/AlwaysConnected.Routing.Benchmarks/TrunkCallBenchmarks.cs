using System.Net;
using System.Text;
using AlwaysConnected.Routing.Ars.Calls;
using AlwaysConnected.Routing.Sip;
using BenchmarkDotNet.Attributes;

namespace AlwaysConnected.Routing.Benchmarks;

/// <summary>
/// One call through the trunk call lifecycle, as a PBX host drives it: ARS OUT selects the trunk, the call takes
/// its Max Sessions session and arms the response timer (the system clock), the trunk's 200 establishes it, the
/// BYE ends it and the call object returns to its pool.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory(Categories.HotPath)]
public class TrunkCallBenchmarks
{
    private const string Routes = """
        [Route ITSP]
        [Credentials]
        User: 0312345678
        Password: s3cret
        Patterns - OUT 1
        Priority: 1
        Max Sessions: 100
        [Matching Patterns]
        To: sip:([0-9]{10,20})@
        [Deploy Patterns]
        To: sip:&t1@itsp.example.com
        Target: itsp.example.com:5060;transport=udp
        Response Timeout: 4000
        Failover: 500-599

        [Route BACKUP]
        Patterns - OUT 1
        Priority: 2
        [Matching Patterns]
        To: sip:([0-9]{10,20})@
        [Deploy Patterns]
        To: sip:&t1@backup.example.com
        Target: backup.example.com
        """;

    private readonly SipMessageIndex _requestIndex = new();
    private readonly SipMessageIndex _responseIndex = new();
    private readonly RoutingContext _context = new(new IPEndPoint(IPAddress.Loopback, 5056)) { Properties = new CallProperties() };
    private byte[] _invite = [];
    private byte[] _ok = [];
    private TrunkCallPool _pool = null!;

    [GlobalSetup]
    public void Setup()
    {
        var router = new SipRouterBuilder().AddArsText(Routes).Build();
        _pool = new TrunkCallPool(router, static _ => { });
        _invite = Encoding.ASCII.GetBytes(
            "INVITE sip:09012345678@pbx.local SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 127.0.0.1:5052;branch=z9hG4bK-ms-1\r\n" +
            "Max-Forwards: 70\r\n" +
            "From: \"Agent 1\" <sip:0312345678@pbx.local>;tag=ms1\r\n" +
            "To: <sip:09012345678@pbx.local>\r\n" +
            "Call-ID: bench-call@127.0.0.1\r\n" +
            "CSeq: 1 INVITE\r\n" +
            "Contact: <sip:ms@127.0.0.1:5052>\r\n" +
            "Content-Length: 0\r\n\r\n");
        _ok = Encoding.ASCII.GetBytes(
            "SIP/2.0 200 OK\r\n" +
            "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-pbx-1\r\n" +
            "From: \"Agent 1\" <sip:0312345678@itsp.example.com>;tag=ms1\r\n" +
            "To: <sip:09012345678@itsp.example.com>;tag=itsp-1\r\n" +
            "Call-ID: bench-call@127.0.0.1\r\n" +
            "CSeq: 1 INVITE\r\n" +
            "Contact: <sip:itsp@203.0.113.5>\r\n" +
            "Content-Length: 0\r\n\r\n");
        if (Call() != TrunkCallState.Ended)
        {
            throw new InvalidOperationException("The benchmark call does not complete.");
        }
    }

    /// <summary>Route → session → 2xx → end, parses of the INVITE and the 200 included.</summary>
    [Benchmark]
    public TrunkCallState Call()
    {
        SipParser.TryParseDatagram(_invite, _requestIndex, out var invite);
        var call = _pool.Rent();
        call.Start(invite, _context);
        SipParser.TryParseDatagram(_ok, _responseIndex, out var ok);
        call.OnResponse(call.Attempt, ok);
        call.End();
        var state = call.State;
        call.Dispose();
        return state;
    }
}
