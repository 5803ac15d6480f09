using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Ars.Evaluation;
using AlwaysConnected.Routing.Ars.State;
using AlwaysConnected.Routing.Redis;
using AlwaysConnected.Routing.Redis.Connection;
using AlwaysConnected.Routing.Redis.State;
using AlwaysConnected.Routing.Services;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace AlwaysConnected.Routing.Benchmarks;

/// <summary>
/// Shared state round trips on a loopback redis-server the benchmark starts and stops itself: an ARS
/// session lease acquired (Lua: expire, check Max Sessions, add) and released (Lua: remove), and a session
/// counter lease started and ended. One operation per measurement, so Median and P99 are per round trip.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory(Categories.Redis)]
[Config(typeof(RoundTripConfig))]
public class RedisLeaseBenchmarks
{
    private static readonly ArsBlockKey Block = new("carrier", ArsDirection.Out, 1);
    private LoopbackRedis _redis = null!;
    private RedisStateConnection _connection = null!;
    private RedisArsBlockStateStore _store = null!;
    private RedisSessionCounters _counters = null!;

    [GlobalSetup]
    public void Setup()
    {
        _redis = LoopbackRedis.TryStart() ?? throw new InvalidOperationException("redis-server is not installed (Debian package redis-server)");
        _connection = new RedisStateConnection(new RedisStateOptions { ConnectionString = _redis.ConnectionString, KeyPrefix = "bench", OperationTimeout = TimeSpan.FromSeconds(2) });
        if (!_connection.IsAvailable)
        {
            throw new InvalidOperationException("the benchmark's redis-server does not answer");
        }

        _store = new RedisArsBlockStateStore(_connection);
        _counters = new RedisSessionCounters(_connection);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var shared = _store.GetActiveSessions(Block);
        _store.Dispose();
        _connection.Dispose();
        _redis.Dispose();
        if (shared != 0)
        {
            throw new InvalidOperationException($"{shared} leases left in Redis after the benchmark");
        }
    }

    /// <summary>Two round trips: acquire against Max Sessions, then release.</summary>
    [Benchmark]
    public bool Ars_lease_acquire_and_release()
    {
        var acquired = _store.TryAcquire(Block, 1000);
        _store.Release(Block);
        return acquired && _connection.IsAvailable;
    }

    /// <summary>Two round trips: a session counted (total, route, starts window), then ended.</summary>
    [Benchmark]
    public bool Session_counter_start_and_end()
    {
        _counters.Start("carrier").Dispose();
        return _connection.IsAvailable;
    }

    // In process: the round trips measure the network and Redis, not a separately built host.
    private sealed class RoundTripConfig : ManualConfig
    {
        public RoundTripConfig()
        {
            AddJob(Job.Default.WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance).WithInvocationCount(1).WithUnrollFactor(1).WithWarmupCount(20).WithIterationCount(1000).WithId("RoundTrip"));
            AddColumn(StatisticColumn.Median, StatisticColumn.P95, new P99Column());
        }
    }
}

/// <summary>
/// The full routing pipeline with every kind of state shared on Redis (ARS block store, session
/// counters, block list, registrar, aliases) but rules that touch none of it: the hot path must still
/// allocate nothing and never call Redis (sessions are acquired by the host, not by routing).
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory(Categories.HotPath)]
public class RedisConfiguredPipelineBenchmarks
{
    private LoopbackRedis? _redis;
    private RedisStateConnection _connection = null!;
    private RedisArsBlockStateStore _store = null!;
    private PipelineWorker _worker = null!;

    [GlobalSetup]
    public void Setup()
    {
        // Without redis-server the state is configured against a port nobody listens on: routing must not
        // notice either way, which is what this measures.
        _redis = LoopbackRedis.TryStart();
        _connection = new RedisStateConnection(new RedisStateOptions { ConnectionString = _redis?.ConnectionString ?? "127.0.0.1:1", KeyPrefix = "bench-hot" });
        _store = new RedisArsBlockStateStore(_connection);
        var services = new RoutingServices
        {
            Sessions = new RedisSessionCounters(_connection),
            BlockList = new RedisBlockList(_connection),
            Registrar = new RedisSipRegistrar(_connection),
            Aliases = new RedisAliasDirectory(_connection),
        };
        var options = new SipRouterOptions { BlockStateStore = _store };
        _worker = new PipelineWorker(PipelineSetup.Router(options, services), PipelineSetup.Invite());
        PipelineSetup.Verify(_worker);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        _connection.Dispose();
        _redis?.Dispose();
    }

    [Benchmark]
    public int FullPipeline_with_Redis_state() => _worker.Run();
}
