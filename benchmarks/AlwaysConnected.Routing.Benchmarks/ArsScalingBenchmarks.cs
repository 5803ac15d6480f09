using System.Globalization;
using System.Text;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Ars.Compilation;
using AlwaysConnected.Routing.Ars.Evaluation;
using AlwaysConnected.Routing.Ars.Text;
using AlwaysConnected.Routing.Sip;
using BenchmarkDotNet.Attributes;

namespace AlwaysConnected.Routing.Benchmarks;

/// <summary>ARS OUT selection among N routes with distinct number prefixes; the INVITE matches the last one.</summary>
[MemoryDiagnoser]
[BenchmarkCategory(Categories.HotPath)]
public class ArsScalingBenchmarks
{
    private static readonly System.Net.IPEndPoint Pbx = new(System.Net.IPAddress.Loopback, 5060);
    private readonly SipMessageIndex _index = new();
    private readonly RoutingDecision _decision = new();
    private readonly ArsSelection _selection = new();
    private byte[] _invite = [];
    private CompiledArs _ars = null!;

    [Params(10, 1_000, 10_000)]
    public int Routes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var text = new StringBuilder();
        for (var i = 0; i < Routes; i++)
        {
            var prefix = (10000 + i).ToString(CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"[Route r{i}]\nPatterns - OUT\n[Matching Patterns]\nTo: ^sip:{prefix}([0-9]{{4,}})@\n[Deploy Patterns]\nTo: sip:&t1@gw{i}.example\n");
        }

        _ars = ArsCompiler.Compile(ArsTextReader.Parse(text.ToString()));
        var number = (10000 + Routes - 1).ToString(CultureInfo.InvariantCulture) + "123456";
        _invite = Encoding.ASCII.GetBytes(
            $"INVITE sip:{number}@pbx.local SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5056;branch=z9hG4bK-bench\r\nMax-Forwards: 70\r\n" +
            $"To: <sip:{number}@pbx.local>\r\nFrom: <sip:mediaserver@127.0.0.1:5056>;tag=ms-1\r\nCall-ID: bench-1@127.0.0.1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
        SipParser.TryParseDatagram(_invite, _index, out var message);
        if (!_ars.RouteOut(message, new RoutingContext(Pbx), _decision, _selection) || _selection.RouteName != $"r{Routes - 1}")
        {
            throw new InvalidOperationException($"Unexpected selection {_selection.RouteName}.");
        }
    }

    /// <summary>The request is parsed once in setup; only the selection is measured.</summary>
    [Benchmark]
    public bool RouteOut()
    {
        var message = new SipMessage(_invite, _index);
        return _ars.RouteOut(message, new RoutingContext(Pbx), _decision, _selection);
    }
}
