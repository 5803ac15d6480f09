using System.Buffers;
using System.Net;
using AlwaysConnected.Routing;
using AlwaysConnected.Routing.DialPlan;
using AlwaysConnected.Routing.DialPlan.Compilation;
using AlwaysConnected.Routing.DialPlan.Text;
using AlwaysConnected.Routing.Services;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Sip.Writing;
using BenchmarkDotNet.Attributes;

namespace AlwaysConnected.Routing.Benchmarks;

/// <summary>
/// The seed's three dial plan rules (anti-spoofing preliminary rule, Case 1, Case 2) on the Media
/// Server's INVITE from 127.0.0.1:5056: the decision alone, and the decision plus writing the
/// rewritten request into a reused buffer. The message is parsed once; parsing has its own benchmarks.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory(Categories.HotPath)]
public class DialPlanBenchmarks
{
    private readonly SipMessageIndex _index = new();
    private readonly RoutingDecision _decision = new();
    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private readonly IPEndPoint _source = IPEndPoint.Parse("127.0.0.1:5056");
    private byte[] _request = [];
    private CompiledDialPlan _plan = null!;
    private RoutingServices _services = null!;

    [GlobalSetup]
    public void Setup()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestData");
        _request = File.ReadAllBytes(Path.Combine(folder, "media-server-invite.sip"));
        _plan = DialPlanCompiler.Compile(DialPlanTextReader.Parse(File.ReadAllText(Path.Combine(folder, "seed-dialplan.txt"))));
        _services = new RoutingServices { LocalAddresses = [IPAddress.Parse("192.168.0.1")] };
        if (SipParser.TryParseDatagram(_request, _index, out var message) != OperationStatus.Done)
        {
            throw new InvalidOperationException("The benchmark request does not parse.");
        }

        _plan.Evaluate(message, new RoutingContext(_source), _services, _decision);
        if (_decision.Outcome != RoutingOutcome.Forward || _decision.AppliedRules[^1] != "case1-itsp")
        {
            throw new InvalidOperationException($"Unexpected decision {_decision.Outcome}.");
        }
    }

    [Benchmark(Baseline = true)]
    public RoutingOutcome Decide()
    {
        var message = new SipMessage(_request, _index);
        _plan.Evaluate(message, new RoutingContext(_source), _services, _decision);
        return _decision.Outcome;
    }

    [Benchmark]
    public int DecideAndWrite()
    {
        var message = new SipMessage(_request, _index);
        _plan.Evaluate(message, new RoutingContext(_source), _services, _decision);
        _output.ResetWrittenCount();
        SipRequestWriter.TryWrite(message, _decision, _output, out _);
        return _output.WrittenCount;
    }

    /// <summary>What a proxy sends: the decision's edits and its own Via, stamped received Via and Max-Forwards in one write.</summary>
    [Benchmark]
    public int DecideAndWriteForwarded()
    {
        var message = new SipMessage(_request, _index);
        _plan.Evaluate(message, new RoutingContext(_source), _services, _decision);
        _output.ResetWrittenCount();
        var proxy = new SipProxyEdits { Via = ProxyVia, ReceivedVia = ReceivedVia, MaxForwards = 69 };
        SipRequestWriter.TryWrite(message, _decision, proxy, _output, out _);
        return _output.WrittenCount;
    }

    private static ReadOnlySpan<byte> ProxyVia => "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKacsp0123456789abcdef0123"u8;

    private static ReadOnlySpan<byte> ReceivedVia => "SIP/2.0/UDP 127.0.0.1:5056;branch=z9hG4bK-ms-1;rport=5056"u8;
}
