using BenchmarkDotNet.Attributes;

namespace AlwaysConnected.Routing.Benchmarks;

/// <summary>
/// The full path of one call: bytes → parse → dial plan → write → parse → ARS IN → write → parse →
/// ARS OUT → rewritten bytes for the trunk (SipRouter.Route, RouteIn, RouteOut, SipRequestWriter.TryWrite).
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory(Categories.HotPath)]
public class PipelineBenchmarks
{
    private PipelineWorker _worker = null!;

    [GlobalSetup]
    public void Setup()
    {
        _worker = new PipelineWorker(PipelineSetup.Router(), PipelineSetup.Invite());
        PipelineSetup.Verify(_worker);
    }

    [Benchmark]
    public int FullPipeline() => _worker.Run();
}
