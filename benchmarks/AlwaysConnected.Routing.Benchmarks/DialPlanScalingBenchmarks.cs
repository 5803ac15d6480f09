using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using AlwaysConnected.Routing.DialPlan;
using AlwaysConnected.Routing.DialPlan.Compilation;
using AlwaysConnected.Routing.DialPlan.Text;
using AlwaysConnected.Routing.Services;
using AlwaysConnected.Routing.Sip;
using BenchmarkDotNet.Attributes;

namespace AlwaysConnected.Routing.Benchmarks;

/// <summary>
/// A carrier-style plan of N number-prefix rules (<c>$request = ^INVITE</c>, <c>To = ^&lt;sip:1NNNN</c>)
/// where only the last one matches the INVITE: with the rule index the cost follows the number of
/// candidates, not N. The unindexed evaluation (every rule in order) is shown for comparison.
/// </summary>
[MemoryDiagnoser]
public class DialPlanScalingBenchmarks
{
    private readonly SipMessageIndex _index = new();
    private readonly RoutingDecision _decision = new();
    private readonly RoutingServices _services = new();
    private readonly IPEndPoint _source = IPEndPoint.Parse("203.0.113.7:5060");
    private byte[] _request = [];
    private CompiledDialPlan _plan = null!;

    [Params(10, 100, 1_000, 10_000)]
    public int Rules { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var text = new StringBuilder();
        for (var i = 0; i < Rules; i++)
        {
            // Five-digit prefixes from 10000 up: none is a prefix of another, so exactly one rule can match.
            text.Append(CultureInfo.InvariantCulture, $"[Rule prefix-{i}]\n[Matching Patterns]\n$request = ^INVITE\nTo = ^<sip:{10000 + i}([0-9]+)@\n[Deploy Patterns]\nTo = sip:%1@gw{i % 16}.carrier.example\n\n");
        }

        _plan = DialPlanCompiler.Compile(DialPlanTextReader.Parse(text.ToString()));
        var number = (10000 + Rules - 1).ToString(CultureInfo.InvariantCulture) + "123456";
        _request = Encoding.ASCII.GetBytes(
            $"INVITE sip:{number}@sbc.example.net SIP/2.0\r\nVia: SIP/2.0/UDP 203.0.113.7:5060;branch=z9hG4bK-scale\r\nMax-Forwards: 70\r\n" +
            $"To: <sip:{number}@sbc.example.net>\r\nFrom: <sip:alice@example.com>;tag=a1\r\nCall-ID: scale-1@203.0.113.7\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
        if (SipParser.TryParseDatagram(_request, _index, out var message) != OperationStatus.Done)
        {
            throw new InvalidOperationException("The benchmark request does not parse.");
        }

        _plan.Evaluate(message, new RoutingContext(_source), _services, _decision);
        if (_decision.Outcome != RoutingOutcome.Forward || _decision.AppliedRules[^1] != $"prefix-{Rules - 1}")
        {
            throw new InvalidOperationException($"Unexpected decision {_decision.Outcome} by {string.Join(",", _decision.AppliedRules)}.");
        }
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Categories.HotPath)]
    public RoutingOutcome Indexed()
    {
        var message = new SipMessage(_request, _index);
        _plan.Evaluate(message, new RoutingContext(_source), _services, _decision);
        return _decision.Outcome;
    }

    [Benchmark]
    [BenchmarkCategory(Categories.Comparison)]
    public RoutingOutcome EveryRuleInOrder()
    {
        var message = new SipMessage(_request, _index);
        _plan.EvaluateWithoutIndex(message, new RoutingContext(_source), _services, _decision);
        return _decision.Outcome;
    }
}
