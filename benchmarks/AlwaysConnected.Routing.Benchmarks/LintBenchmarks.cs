using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.DialPlan.Compilation;
using AlwaysConnected.Routing.DialPlan.Text;
using AlwaysConnected.Routing.Lint;
using AlwaysConnected.Routing.Patterns;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace AlwaysConnected.Routing.Benchmarks;

/// <summary>
/// What checking a large plan costs: <see cref="RoutingModel.Validate"/> (both compilers and the lint, what
/// <c>sip-route validate</c> and a router's load run) on 1,000 / 10,000 / 100,000 number-prefix rules
/// (<see cref="PrefixRulePlan"/>), and the lint alone on the same plan compiled beforehand. The lint indexes
/// what it compares, so both grow about linearly with the rule count. Not on the hot path: one operation
/// takes milliseconds to seconds, so a few iterations suffice.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory(Categories.Lint)]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class LintBenchmarks
{
    private RoutingModel _model = RoutingModel.Empty;
    private DialPlan.CompiledDialPlan _compiled = null!;

    [Params(1_000, 10_000, 100_000)]
    public int Rules { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = new RoutingModel(DialPlanTextReader.Parse(PrefixRulePlan.Text(Rules)), ArsDefinition.Empty);
        _compiled = DialPlanCompiler.Compile(_model.DialPlan);
        var found = Validate();
        if (found.Any(d => d.IsError) || found.Any(d => d.Severity == RoutingDiagnosticSeverity.Warning))
        {
            throw new InvalidOperationException("The generated plan should compile without errors or warnings: " + string.Join("; ", found.Where(d => d.Severity != RoutingDiagnosticSeverity.Info).Take(3)));
        }
    }

    [Benchmark(Baseline = true)]
    public IReadOnlyList<RoutingDiagnostic> Validate() => _model.Validate();

    [Benchmark]
    public int LintOnly()
    {
        var found = new List<RoutingDiagnostic>();
        RoutingLint.Run(_model, PatternOptions.Default, _compiled, ars: null, found);
        return found.Count;
    }
}
