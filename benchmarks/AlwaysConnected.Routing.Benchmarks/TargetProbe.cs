using System.Diagnostics;

namespace AlwaysConnected.Routing.Benchmarks;

/// <summary>
/// A quick check of the issue's targets that tolerates a busy machine: each scenario runs in many
/// short chunks and the fastest chunk is reported next to the median. Other processes can only
/// slow a chunk down, so the fastest one is the best estimate of the code's own cost; the median
/// shows what the load did. BenchmarkDotNet's full run remains the reference on a quiet machine.
/// </summary>
public static class TargetProbe
{
    /// <summary>The command-line switch that selects the probe.</summary>
    public const string Switch = "--targets";

    private const int Chunks = 300;
    private static readonly TimeSpan ChunkTime = TimeSpan.FromMilliseconds(2);

    /// <summary>Runs every target scenario and prints one line each.</summary>
    public static int Run()
    {
        Console.WriteLine($"{"scenario",-44} {"fastest",12} {"median",12} {"B/op",6}");
        var parser = new ParserBenchmarks { Message = "typical-invite" };
        parser.Setup();
        Report("parse typical INVITE (datagram)", () => parser.ParseDatagramOnly());
        Report("parse typical INVITE + router field reads", () => parser.ParseDatagramAndReadRouterFields());
        var longreq = new ParserBenchmarks { Message = "longreq" };
        longreq.Setup();
        Report("parse RFC 4475 longreq (3.5 KB, 34 Vias)", () => longreq.ParseDatagramOnly());
        var seed = new DialPlanBenchmarks();
        seed.Setup();
        Report("dial plan: seed on the Media Server INVITE", () => seed.Decide());
        Report("dial plan: seed decision + write", () => seed.DecideAndWrite());
        var validation = new RouterValidationBenchmarks();
        validation.Setup();
        var trusting = Report("router: seed dial plan, validation off", () => validation.RouteWithoutValidation());
        var validating = Report("router: seed dial plan, validation on", () => validation.RouteWithValidation());
        Console.WriteLine($"{"  validation cost per request",-44} {validating - trusting,10:0.0}ns");
        Report("validator alone, Media Server INVITE", () => validation.ValidateOnly());
        var inOut = new ArsBenchmarks();
        inOut.Setup();
        var arsParse = Report("ARS: parse of the Always Connected INVITE", () => inOut.ParseOnly());
        var arsBoth = Report("ARS IN + OUT, Always Connected (with parse)", () => inOut.AlwaysConnectedInAndOut());
        Console.WriteLine($"{"  IN + OUT without the parse",-44} {arsBoth - arsParse,10:0.0}ns");
        Report("ARS IN + OUT, parsed once in setup", () => inOut.AlwaysConnectedInAndOutParsedOnce());
        var small = new DialPlanScalingBenchmarks { Rules = 10 };
        small.Setup();
        var ten = Report("dial plan: 10 rules, last matches", () => small.Indexed());
        var large = new DialPlanScalingBenchmarks { Rules = 10_000 };
        large.Setup();
        var tenThousand = Report("dial plan: 10,000 rules, last matches", () => large.Indexed());
        Console.WriteLine($"{"  10,000 / 10 rules",-44} {tenThousand / ten,11:0.00}x");
        var ars = new ArsScalingBenchmarks { Routes = 10_000 };
        ars.Setup();
        Report("ARS OUT: 10,000 prefixed routes", () => ars.RouteOut());
        var pipeline = new PipelineBenchmarks();
        pipeline.Setup();
        var one = Report("full pipeline (3 hops)", () => pipeline.FullPipeline());
        var perThread = Parallel2();
        Console.WriteLine($"{"full pipeline, 2 threads: time per call/thread",-44} {perThread,10:0.0}ns");
        Console.WriteLine($"{"  2-thread / 1-thread throughput",-44} {2 * one / perThread,11:0.00}x");
        return 0;
    }

    private static double Report<T>(string name, Func<T> action)
    {
        var (fastest, median, bytes) = Measure(action);
        Console.WriteLine($"{name,-44} {fastest,10:0.0}ns {median,10:0.0}ns {bytes,6}");
        return fastest;
    }

    private static (double Fastest, double Median, long BytesPerOp) Measure<T>(Func<T> action)
    {
        // Warm up (tiered JIT) and size a chunk to about ChunkTime.
        var watch = Stopwatch.StartNew();
        var calls = 0;
        while (watch.Elapsed < TimeSpan.FromMilliseconds(1000))
        {
            action();
            calls++;
        }

        var perChunk = Math.Max(1, (int)(calls * ChunkTime.TotalMilliseconds / watch.Elapsed.TotalMilliseconds));
        var times = new double[Chunks];
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var c = 0; c < Chunks; c++)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < perChunk; i++)
            {
                action();
            }

            times[c] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / perChunk;
        }

        var bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / ((long)Chunks * perChunk);
        Array.Sort(times);
        return (times[0], times[Chunks / 2], bytes);
    }

    /// <summary>Two threads each run the pipeline in lock-step chunks; the fastest chunk's time per call per thread.</summary>
    private static double Parallel2()
    {
        var router = PipelineSetup.Router();
        var invite = PipelineSetup.Invite();
        var workers = new[] { new PipelineWorker(router, invite), new PipelineWorker(router, invite) };
        const int perChunk = 500;
        var times = new double[Chunks];
        using var barrier = new Barrier(2);
        var helper = new Thread(() =>
        {
            for (var c = -10; c < Chunks; c++)
            {
                barrier.SignalAndWait();
                for (var i = 0; i < perChunk; i++)
                {
                    workers[1].Run();
                }

                barrier.SignalAndWait();
            }
        });
        helper.Start();
        for (var c = -10; c < Chunks; c++)
        {
            barrier.SignalAndWait();
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < perChunk; i++)
            {
                workers[0].Run();
            }

            barrier.SignalAndWait();
            if (c >= 0)
            {
                times[c] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / perChunk;
            }
        }

        helper.Join();
        Array.Sort(times);
        return times[0];
    }
}
