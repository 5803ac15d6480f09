using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace AlwaysConnected.Routing.Benchmarks;

/// <summary>
/// The CI gate: runs every <see cref="Categories.HotPath"/> benchmark with a short job and fails when
/// one allocates or does not run. Allocation per operation is deterministic, so it is gated; times
/// vary with the machine and its load, so they are printed (and exported) but never gated.
/// </summary>
public static class AllocationGate
{
    /// <summary>The command-line switch that selects the gate.</summary>
    public const string Switch = "--gate";

    /// <summary>
    /// Hot-path cases known to allocate, with why; they are listed on every run but do not fail it.
    /// Keep this short: each entry is a gap recorded in docs/benchmarks.md.
    /// </summary>
    private static readonly (string Benchmark, string Parameter, string Why)[] KnownAllocations =
    [
        ("PatternBenchmarks.Captures_Compiled_Pattern", "Shape=RegexFallback",
            "capture groups of a pattern that needs .NET Regex come from a Match object; Regex has no allocation-free capture API"),
    ];

    /// <summary>Runs the gate; returns the process exit code (0 when every hot-path benchmark ran and allocated nothing).</summary>
    /// <param name="args">Further BenchmarkDotNet arguments (e.g. <c>--filter</c>), passed through.</param>
    public static int Run(string[] args)
    {
        var artifacts = Environment.GetEnvironmentVariable("BENCHMARK_ARTIFACTS")
            ?? Path.Combine(Directory.GetCurrentDirectory(), "artifacts", "benchmarks");

        // In-process: no per-benchmark project build or process start, which is most of a short run's
        // time (41 cases in about 1.5 minutes instead of over 5). BENCHMARK_GATE_OUT_OF_PROCESS=1 restores them.
        var outOfProcess = Environment.GetEnvironmentVariable("BENCHMARK_GATE_OUT_OF_PROCESS") == "1";
        var job = (outOfProcess ? Job.Default : Job.Default.WithToolchain(InProcessEmitToolchain.Instance))
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(3)
            .WithIterationTime(TimeInterval.FromMilliseconds(100))
            .WithId("Gate");
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default)
            .AddExporter(MarkdownExporter.GitHub, CsvExporter.Default)
            .AddFilter(new AnyCategoriesFilter([Categories.HotPath]))
            .WithArtifactsPath(artifacts)
            .WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile);

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(AllocationGate).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args, config).ToList();
        var ran = summaries.Sum(s => s.Reports.Length);
        var suspects = Offenders(summaries);
        var offenders = suspects.Count == 0 ? suspects : Confirm(suspects);
        Console.WriteLine();
        if (ran == 0)
        {
            Console.WriteLine("ALLOCATION GATE: FAILED - no hot-path benchmark ran.");
            return 1;
        }

        if (offenders.Count > 0)
        {
            Console.WriteLine($"ALLOCATION GATE: FAILED - {offenders.Count} of {ran} hot-path benchmarks allocate or did not run:");
            foreach (var (_, reason) in offenders)
            {
                Console.WriteLine("  " + reason);
            }

            return 1;
        }

        Console.WriteLine($"ALLOCATION GATE: passed - {ran} hot-path benchmarks, none allocates (known allocations listed above). Results: {artifacts}");
        return 0;
    }

    /// <summary>
    /// Runs the suspects once more. The allocation count covers the whole process, so a runtime
    /// background allocation (tiered JIT, timers) can, rarely, show as 1 B/op on one case; code that
    /// allocates does so on every run, so only what allocates twice is reported.
    /// </summary>
    private static List<(BenchmarkCase Case, string Reason)> Confirm(List<(BenchmarkCase Case, string Reason)> suspects)
    {
        Console.WriteLine();
        Console.WriteLine($"ALLOCATION GATE: {suspects.Count} suspect(s), running them again to confirm:");
        foreach (var (_, reason) in suspects)
        {
            Console.WriteLine("  " + reason);
        }

        var runs = suspects
            .GroupBy(s => s.Case.Descriptor.Type)
            .Select(g => new BenchmarkRunInfo([.. g.Select(s => s.Case)], g.Key, g.First().Case.Config))
            .ToArray();
        return Offenders(BenchmarkRunner.Run(runs));
    }

    /// <summary>Every benchmark that allocated, or has no result to judge by.</summary>
    private static List<(BenchmarkCase Case, string Reason)> Offenders(IEnumerable<Summary> summaries)
    {
        var offenders = new List<(BenchmarkCase, string)>();
        foreach (var report in summaries.SelectMany(s => s.Reports))
        {
            var name = report.BenchmarkCase.DisplayInfo;
            if (!report.Success || report.ResultStatistics is null)
            {
                offenders.Add((report.BenchmarkCase, $"{name}: did not run to completion"));
                continue;
            }

            var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
            var known = KnownAllocations.FirstOrDefault(k => name.StartsWith(k.Benchmark + ":", StringComparison.Ordinal) && name.Contains(k.Parameter, StringComparison.Ordinal));
            if (allocated > 0 && known.Why is not null)
            {
                Console.WriteLine($"ALLOCATION GATE: known allocation, not failing: {name}: {allocated} B/op ({known.Why})");
            }
            else if (allocated is null)
            {
                offenders.Add((report.BenchmarkCase, $"{name}: allocation not measured"));
            }
            else if (allocated > 0)
            {
                offenders.Add((report.BenchmarkCase, $"{name}: {allocated} B allocated per operation"));
            }
        }

        return offenders;
    }
}
