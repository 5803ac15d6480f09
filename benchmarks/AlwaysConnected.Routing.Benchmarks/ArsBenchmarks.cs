using System.Buffers;
using System.Globalization;
using System.Text;
using AlwaysConnected.Routing;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Ars.Compilation;
using AlwaysConnected.Routing.Ars.Evaluation;
using AlwaysConnected.Routing.Ars.Text;
using AlwaysConnected.Routing.Collections;
using AlwaysConnected.Routing.Sip;
using BenchmarkDotNet.Attributes;

namespace AlwaysConnected.Routing.Benchmarks;

/// <summary>
/// ARS IN + OUT for the Always Connected INVITE, OUT selection among 1,000 prefixed routes, and ARS IN for a
/// route that accepts calls only from its registered trunk.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory(Categories.HotPath)]
public class ArsBenchmarks
{
    private const string Seed = """
        Patterns - IN [Matching Patterns] To: sip:(.+)@ Plugin 1: sipheader Param 1: X-PBX-Param Return 1: ^pin$ [Deploy Patterns] From: pin&f1 Custom: &action.type=pin
        Patterns - OUT [Matching Patterns] To: sip:([0-9]{10,20})@ Plugin 1: prop Param 1: action.type Return 1: ^pin$ [Deploy Patterns] <Enter Connection Info for your ITSP>
        """;

    private readonly SipMessageIndex _index = new();
    private readonly SipMessageIndex _parsedOnce = new();
    private readonly CallProperties _properties = new();
    private readonly RoutingDecision _decision = new();
    private readonly ArsSelection _selection = new();
    private byte[] _invite = [];
    private byte[] _manyInvite = [];
    private CompiledArs _seed = null!;
    private CompiledArs _many = null!;
    private CompiledArs _registeredTrunk = null!;
    private byte[] _carrierInvite = [];
    private byte[] _accountInvite = [];

    [GlobalSetup]
    public void Setup()
    {
        var parsed = ArsTextReader.Parse(Seed);
        var outRoute = parsed.Routes[1] with
        {
            Credentials = new TrunkCredentials("0312345678", "s3cret"),
            OutBlocks = EquatableArray.Create(parsed.Routes[1].OutBlocks[0] with { Trunk = new TrunkConnection("itsp.example.com:5060") }),
        };
        _seed = ArsCompiler.Compile(parsed with { Routes = EquatableArray.Create(parsed.Routes[0], outRoute) });
        _invite = Request("09012345678", "127.0.0.1:5052", "X-PBX-Param: pin\r\n");
        if (SipParser.TryParseDatagram(_invite, _parsedOnce, out _) != OperationStatus.Done)
        {
            throw new InvalidOperationException("The benchmark INVITE does not parse.");
        }

        var many = new StringBuilder();
        for (var i = 0; i < 1000; i++)
        {
            var prefix = (1000 + i).ToString(CultureInfo.InvariantCulture);
            many.Append(CultureInfo.InvariantCulture, $"[Route r{i}]\nPatterns - OUT\n[Matching Patterns]\nTo: ^sip:{prefix}([0-9]{{4,}})@\n[Deploy Patterns]\nTo: sip:&t1@gw{i}.example\n");
        }

        _many = ArsCompiler.Compile(ArsTextReader.Parse(many.ToString()));
        _manyInvite = Request("19871234567", "pbx.local", "");

        // The carrier route takes calls from its registrar (by address) or for its account; the other route the rest.
        _registeredTrunk = ArsCompiler.Compile(ArsTextReader.Parse("""
            [Route carrier]
            Inbound Source: registered-trunk
            [Registration]
            Register URI: sip:acct@itsp.example.com
            Proxy: 203.0.113.5
            Patterns - IN 1
            [Matching Patterns]
            To: sip:(.+)@
            [Deploy Patterns]
            To: sip:100@
            [Route anywhere]
            Patterns - IN 1
            Priority: 200
            [Matching Patterns]
            To: sip:(.+)@
            [Deploy Patterns]
            To: sip:900@
            """));
        _carrierInvite = Request("0312345678", "127.0.0.1:5052", "");
        _accountInvite = Request("acct", "127.0.0.1:5052", "");
        if (InFromRegisteredTrunk() != 3)
        {
            throw new InvalidOperationException("The registered-trunk benchmark does not route its three INVITEs.");
        }
    }

    /// <summary>The parse both routing benchmarks include, to subtract.</summary>
    [Benchmark(Baseline = true)]
    public bool ParseOnly() => SipParser.TryParseDatagram(_invite, _index, out _) == OperationStatus.Done;

    [Benchmark]
    public bool AlwaysConnectedInAndOut()
    {
        SipParser.TryParseDatagram(_invite, _index, out var message);
        _properties.Clear();
        var context = new RoutingContext(Loopback) { Properties = _properties };
        return _seed.RouteIn(message, context, _decision) & _seed.RouteOut(message, context, _decision, _selection);
    }

    /// <summary>IN + OUT alone: the INVITE was parsed once in setup, so no parse is included.</summary>
    [Benchmark]
    public bool AlwaysConnectedInAndOutParsedOnce()
    {
        var message = new SipMessage(_invite, _parsedOnce);
        _properties.Clear();
        var context = new RoutingContext(Loopback) { Properties = _properties };
        return _seed.RouteIn(message, context, _decision) & _seed.RouteOut(message, context, _decision, _selection);
    }

    [Benchmark]
    public bool OutAmongThousandPrefixes()
    {
        SipParser.TryParseDatagram(_manyInvite, _index, out var message);
        return _many.RouteOut(message, new RoutingContext(Loopback), _decision, _selection);
    }

    /// <summary>
    /// ARS IN three times: from the registrar's address, for the registered account from elsewhere (both take the
    /// carrier route), and a stranger's call (refused by the source check, taken by the next route).
    /// </summary>
    [Benchmark]
    public int InFromRegisteredTrunk()
    {
        SipParser.TryParseDatagram(_carrierInvite, _index, out var message);
        var taken = _registeredTrunk.RouteIn(message, new RoutingContext(Registrar), _decision) ? 1 : 0;
        taken += _registeredTrunk.RouteIn(message, new RoutingContext(Stranger), _decision) ? 1 : 0;
        SipParser.TryParseDatagram(_accountInvite, _index, out message);
        return taken + (_registeredTrunk.RouteIn(message, new RoutingContext(Stranger), _decision) ? 1 : 0);
    }

    private static readonly System.Net.IPEndPoint Registrar = new(System.Net.IPAddress.Parse("203.0.113.5"), 5060);

    private static readonly System.Net.IPEndPoint Stranger = new(System.Net.IPAddress.Parse("198.51.100.9"), 5060);

    private static readonly System.Net.IPEndPoint Loopback = new(System.Net.IPAddress.Loopback, 5056);

    private static byte[] Request(string number, string host, string extra) => Encoding.ASCII.GetBytes(
        $"INVITE sip:{number}@{host} SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 127.0.0.1:5056;branch=z9hG4bK-bench\r\n" +
        "Max-Forwards: 70\r\n" +
        $"To: <sip:{number}@{host}>\r\n" +
        "From: <sip:mediaserver@127.0.0.1:5056>;tag=ms-1\r\n" +
        "Call-ID: bench-1@127.0.0.1\r\n" +
        "CSeq: 1 INVITE\r\n" +
        extra +
        "Content-Length: 0\r\n\r\n");
}
