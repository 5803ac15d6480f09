namespace AlwaysConnected.Routing.Benchmarks;

/// <summary>Benchmark categories the CI gate selects by.</summary>
public static class Categories
{
    /// <summary>Code that runs per routed packet: it must allocate nothing (the CI gate fails otherwise).</summary>
    public const string HotPath = "HotPath";

    /// <summary>Benchmarks kept for comparison (Regex baselines, the unindexed evaluator): not gated.</summary>
    public const string Comparison = "Comparison";

    /// <summary>Throughput of several routing threads sharing one router: not gated (the synchronisation is not routing).</summary>
    public const string Concurrency = "Concurrency";

    /// <summary>Round trips to a loopback redis-server the benchmark starts itself: not gated (network, not routing).</summary>
    public const string Redis = "Redis";

    /// <summary>Hostile input: patterns that are exponential for a backtracking engine, on long values.</summary>
    public const string HostileInput = "HostileInput";

    /// <summary>Checking large rule sets: <c>RoutingModel.Validate</c> and the lint at 1k/10k/100k rules.</summary>
    public const string Lint = "Lint";
}
