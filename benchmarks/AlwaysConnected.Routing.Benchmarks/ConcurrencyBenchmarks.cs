using BenchmarkDotNet.Attributes;

namespace AlwaysConnected.Routing.Benchmarks;

/// <summary>
/// The full pipeline on 1 and 2 threads sharing one router (its compiled rules, patterns, ARS block
/// states and counters), each thread with its own decision and buffers. The reported time is per call
/// per thread: with perfect scaling it is the same for 1 and 2 threads, and 2-thread throughput over
/// 1-thread throughput is 2 × time(1) / time(2).
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory(Categories.Concurrency)]
public class ConcurrencyBenchmarks
{
    private const int CallsPerThread = 2_000;

    private PipelineWorker[] _workers = [];
    private Thread[] _helpers = [];
    private Barrier _barrier = null!;
    private volatile bool _stopping;

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var router = PipelineSetup.Router();
        var invite = PipelineSetup.Invite();
        _workers = [.. Enumerable.Range(0, Threads).Select(_ => new PipelineWorker(router, invite))];
        foreach (var worker in _workers)
        {
            PipelineSetup.Verify(worker);
        }

        // Helper threads live for the whole run: starting threads per invocation would dominate the time.
        _barrier = new Barrier(Threads);
        _helpers = [.. _workers.Skip(1).Select(worker => new Thread(() => HelperLoop(worker)) { IsBackground = true })];
        foreach (var helper in _helpers)
        {
            helper.Start();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stopping = true;
        _barrier.SignalAndWait();
        foreach (var helper in _helpers)
        {
            helper.Join();
        }

        _barrier.Dispose();
    }

    [Benchmark(OperationsPerInvoke = CallsPerThread)]
    public int FullPipelinePerThread()
    {
        _barrier.SignalAndWait();
        var size = RunCalls(_workers[0]);
        _barrier.SignalAndWait();
        return size;
    }

    private void HelperLoop(PipelineWorker worker)
    {
        while (true)
        {
            _barrier.SignalAndWait();
            if (_stopping)
            {
                return;
            }

            RunCalls(worker);
            _barrier.SignalAndWait();
        }
    }

    private static int RunCalls(PipelineWorker worker)
    {
        var size = 0;
        for (var i = 0; i < CallsPerThread; i++)
        {
            size = worker.Run();
        }

        return size;
    }
}
