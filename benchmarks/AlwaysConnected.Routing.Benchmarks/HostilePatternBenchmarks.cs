using System.Buffers;
using System.Net;
using AlwaysConnected.Routing.DialPlan;
using AlwaysConnected.Routing.DialPlan.Compilation;
using AlwaysConnected.Routing.DialPlan.Text;
using AlwaysConnected.Routing.Services;
using AlwaysConnected.Routing.Sip;
using BenchmarkDotNet.Attributes;

namespace AlwaysConnected.Routing.Benchmarks;

/// <summary>
/// A dial plan rule whose pattern is exponential for a backtracking engine, evaluated on a request
/// with a 10 KB header value: a run of <c>a</c> that either matches to the end or is spoiled by one
/// last byte. Issue #3 asks such a pattern to return within 1 ms. With <c>Captured</c> the rule's
/// deploy reads <c>%1</c>, so the regex engine's capture pass runs as well when the rule fires.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory(Categories.HostileInput)]
public class HostilePatternBenchmarks
{
    private const int ValueLength = 10 * 1024;
    private readonly SipMessageIndex _index = new(new SipParserOptions { MaxLineLength = 32 * 1024 });
    private readonly RoutingDecision _decision = new();
    private readonly RoutingServices _services = new();
    private readonly IPEndPoint _source = IPEndPoint.Parse("203.0.113.7:5060");
    private byte[] _request = [];
    private CompiledDialPlan _plan = null!;

    [Params("(a+)+$", "^(a|aa)+$")]
    public string Pattern { get; set; } = "(a+)+$";

    [Params(true, false)]
    public bool Matches { get; set; }

    [Params(false, true)]
    public bool Captured { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var deploy = Captured ? "X-Run = %1" : "$target = gw.example.com";
        _plan = DialPlanCompiler.Compile(DialPlanTextReader.Parse($"[Rule hostile]\n[Matching Patterns]\nX-Evil = {Pattern}\n[Deploy Patterns]\n{deploy}\n"));
        var value = new string('a', ValueLength) + (Matches ? string.Empty : "!");
        _request = System.Text.Encoding.ASCII.GetBytes(
            "INVITE sip:1000@pbx.example.com SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 203.0.113.7;branch=z9hG4bK-1\r\n" +
            "From: <sip:a@example.com>;tag=1\r\nTo: <sip:1000@pbx.example.com>\r\n" +
            "Call-ID: c1\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n" +
            $"X-Evil: {value}\r\nContent-Length: 0\r\n\r\n");
        if (SipParser.TryParseDatagram(_request, _index, out var message) != OperationStatus.Done)
        {
            throw new InvalidOperationException("The benchmark request does not parse.");
        }

        _plan.Evaluate(message, new RoutingContext(_source), _services, _decision);
        var expected = Matches ? RoutingOutcome.Forward : RoutingOutcome.NoMatch;
        if (_decision.Outcome != expected)
        {
            throw new InvalidOperationException($"Expected {expected}, got {_decision.Outcome}.");
        }
    }

    [Benchmark]
    public RoutingOutcome Evaluate()
    {
        var message = new SipMessage(_request, _index);
        _plan.Evaluate(message, new RoutingContext(_source), _services, _decision);
        return _decision.Outcome;
    }
}
