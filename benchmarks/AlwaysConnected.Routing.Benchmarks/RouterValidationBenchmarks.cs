using System.Buffers;
using System.Net;
using AlwaysConnected.Routing;
using AlwaysConnected.Routing.DialPlan.Text;
using AlwaysConnected.Routing.Sip;
using BenchmarkDotNet.Attributes;

namespace AlwaysConnected.Routing.Benchmarks;

/// <summary>
/// What request validation costs in the routing path: <see cref="SipRouter.Route"/> with the seed's dial plan on
/// the Media Server's INVITE, with <see cref="SipRouterOptions.ValidateRequests"/> on (the default) and off, and
/// the validator alone. The message is parsed once.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory(Categories.HotPath)]
public class RouterValidationBenchmarks
{
    private readonly SipMessageIndex _index = new();
    private readonly RoutingDecision _decision = new();
    private readonly RoutingContext _context = new(IPEndPoint.Parse("127.0.0.1:5056"));
    private byte[] _request = [];
    private SipRouter _validating = null!;
    private SipRouter _trusting = null!;

    [GlobalSetup]
    public void Setup()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestData");
        _request = File.ReadAllBytes(Path.Combine(folder, "media-server-invite.sip"));
        var plan = DialPlanTextReader.Parse(File.ReadAllText(Path.Combine(folder, "seed-dialplan.txt")));
        _validating = new SipRouterBuilder().AddModel(new RoutingModel(plan, Ars.ArsDefinition.Empty)).Build();
        _trusting = new SipRouterBuilder().AddModel(new RoutingModel(plan, Ars.ArsDefinition.Empty))
            .WithOptions(new SipRouterOptions { ValidateRequests = false }).Build();
        if (SipParser.TryParseDatagram(_request, _index, out var message) != OperationStatus.Done)
        {
            throw new InvalidOperationException("The benchmark request does not parse.");
        }

        _validating.Route(message, _context, _decision);
        if (_decision.Outcome != RoutingOutcome.Forward)
        {
            throw new InvalidOperationException($"Unexpected decision {_decision.Outcome} ({_decision.ReasonPhrase}).");
        }
    }

    [Benchmark(Baseline = true)]
    public RoutingOutcome RouteWithoutValidation()
    {
        _trusting.Route(new SipMessage(_request, _index), _context, _decision);
        return _decision.Outcome;
    }

    [Benchmark]
    public RoutingOutcome RouteWithValidation()
    {
        _validating.Route(new SipMessage(_request, _index), _context, _decision);
        return _decision.Outcome;
    }

    [Benchmark]
    public bool ValidateOnly() => SipMessageValidator.TryValidate(new SipMessage(_request, _index), out _);
}
