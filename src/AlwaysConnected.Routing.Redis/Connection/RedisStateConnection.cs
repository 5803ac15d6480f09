using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using AlwaysConnected.Routing.Redis.Leases;
using StackExchange.Redis;

namespace AlwaysConnected.Routing.Redis.Connection;

/// <summary>
/// The one Redis connection the shared routing state uses, and whether Redis is available. Every
/// operation is bounded by <see cref="RedisStateOptions.OperationTimeout"/>; the first failure makes
/// Redis unavailable (logged once, counted in metrics), after which operations answer from their
/// outage policy at once instead of waiting, until a probe every <see cref="RedisStateOptions.RetryInterval"/>
/// succeeds.
/// </summary>
public sealed class RedisStateConnection : IDisposable
{
    private readonly ConnectionMultiplexer _multiplexer;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _probeLoop;
    private readonly Task _renewLoop;
    private int _available;

    /// <summary>Connects (without waiting for Redis to be up: an unreachable Redis starts the node in its outage policies).</summary>
    /// <param name="options">The options; checked first.</param>
    /// <param name="logger">Where availability transitions are logged; none when null.</param>
    /// <param name="meterFactory">Where the metrics' meter comes from; a meter of its own when null.</param>
    /// <param name="timeProvider">The clock of the probe loop; the system clock when null.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is invalid (each failure names it).</exception>
    public RedisStateConnection(RedisStateOptions options, ILogger<RedisStateConnection>? logger = null, IMeterFactory? meterFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        RedisStateOptionsValidator.ThrowIfInvalid(options);
        Options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        NodeId = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        Keys = new RedisKeys(options.KeyPrefix);
        Metrics = new RedisStateMetrics(meterFactory, () => IsAvailable);
        Leases = new LeaseRegistry(this);

        var timeoutMs = (int)Math.Ceiling(options.OperationTimeout.TotalMilliseconds);
        var configuration = ConfigurationOptions.Parse(options.ConnectionString);
        configuration.AbortOnConnectFail = false;
        configuration.SyncTimeout = timeoutMs;
        configuration.AsyncTimeout = timeoutMs;
        configuration.ConnectTimeout = Math.Max(timeoutMs, 1000);
        configuration.ConnectRetry = 1;

        // Queued commands would wait for a reconnect: a routing call must fail at once instead.
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ReconnectRetryPolicy = new LinearRetry((int)Math.Ceiling(options.RetryInterval.TotalMilliseconds));
        configuration.ClientName ??= "sip-routing";
        _multiplexer = ConnectionMultiplexer.Connect(configuration);
        _multiplexer.ConnectionFailed += (_, e) => ReportFailure(e.Exception?.Message ?? e.FailureType.ToString());
        Database = _multiplexer.GetDatabase();

        if (_multiplexer.IsConnected && Ping())
        {
            Volatile.Write(ref _available, 1);
            RedisStateLog.Connected(_logger, options.KeyPrefix, NodeId);
        }
        else
        {
            Metrics.Transition(false);
            RedisStateLog.Unavailable(_logger, "not reachable at start", options.SessionsPolicy, options.BlockListPolicy, options.DirectoryPolicy);
        }

        _probeLoop = Task.Run(ProbeLoopAsync);
        _renewLoop = Task.Run(RenewLoopAsync);
    }

    /// <summary>Whether Redis answers; while false every kind of state follows its outage policy.</summary>
    public bool IsAvailable => Volatile.Read(ref _available) != 0;

    /// <summary>This node's name in lease ids (machine, process and a random part).</summary>
    public string NodeId { get; }

    internal RedisStateOptions Options { get; }

    internal RedisKeys Keys { get; }

    internal IDatabase Database { get; }

    internal ISubscriber Subscriber => _multiplexer.GetSubscriber();

    internal RedisStateMetrics Metrics { get; }

    /// <summary>Why Redis last became unavailable (diagnostics).</summary>
    internal string? LastFailure { get; private set; }

    /// <summary>Raised on the probe loop after Redis became available again.</summary>
    internal event Action? Recovered;

    /// <summary>This node's live leases, renewed while they live.</summary>
    internal LeaseRegistry Leases { get; }

    /// <summary>Runs an operation on Redis unless it is unavailable; a failure makes it unavailable.</summary>
    /// <returns>False when Redis is unavailable or the operation failed: the caller applies its outage policy.</returns>
    internal bool TryExecute<TState, TResult>(TState state, Func<IDatabase, TState, TResult> operation, [MaybeNullWhen(false)] out TResult result)
    {
        if (!IsAvailable)
        {
            result = default;
            return false;
        }

        try
        {
            result = operation(Database, state);
            return true;
        }
#pragma warning disable CA1031 // Whatever Redis throws (timeout, connection, server error) must not reach the routing call.
        catch (Exception e)
#pragma warning restore CA1031
        {
            ReportFailure(e.Message);
            result = default;
            return false;
        }
    }

    /// <summary>Counts an operation answered by the outage policy.</summary>
    internal void Fallback(RedisStateKind kind, RedisOutagePolicy policy) => Metrics.Fallback(kind, policy);

    /// <summary>Makes Redis unavailable (logged and counted once per transition).</summary>
    internal void ReportFailure(string reason)
    {
        LastFailure = reason;
        if (Interlocked.Exchange(ref _available, 0) == 1)
        {
            Metrics.Transition(false);
            RedisStateLog.Unavailable(_logger, reason, Options.SessionsPolicy, Options.BlockListPolicy, Options.DirectoryPolicy);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        _stopping.Cancel();
        try
        {
            Task.WaitAll([_probeLoop, _renewLoop], TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _multiplexer.Dispose();
        Metrics.Dispose();
        _stopping.Dispose();
    }

    private bool Ping()
    {
        try
        {
            Database.Ping();
            return true;
        }
#pragma warning disable CA1031 // A failed probe only means Redis is still away.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    private async Task RenewLoopAsync()
    {
        using var timer = new PeriodicTimer(Options.LeaseTimeToLive / 3, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                if (IsAvailable)
                {
                    await Leases.RenewAllAsync(_stopping.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ProbeLoopAsync()
    {
        using var timer = new PeriodicTimer(Options.RetryInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                if (IsAvailable || !_multiplexer.IsConnected)
                {
                    continue;
                }

                try
                {
                    await Database.PingAsync().WaitAsync(Options.OperationTimeout, _time, _stopping.Token).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // A failed probe only means Redis is still away.
                catch (Exception) when (!_stopping.IsCancellationRequested)
#pragma warning restore CA1031
                {
                    continue;
                }

                // Re-registers this node's live leases before calls count on Redis again, so the
                // sessions admitted during the outage (or lost with a restarted Redis) count cluster-wide.
                int leases;
                try
                {
                    await Leases.ReleaseEndedAsync(_stopping.Token).ConfigureAwait(false);
                    leases = await Leases.RenewAllAsync(_stopping.Token).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // Redis went away again: the next probe retries.
                catch (Exception) when (!_stopping.IsCancellationRequested)
#pragma warning restore CA1031
                {
                    continue;
                }

                if (leases < 0)
                {
                    continue;
                }

                if (Interlocked.Exchange(ref _available, 1) == 0)
                {
                    Metrics.Transition(true);
                    RedisStateLog.Available(_logger, leases);

                    // Sessions that ended during the re-registration burst.
                    Leases.ReleaseEnded();
                    try
                    {
                        Recovered?.Invoke();
                    }
#pragma warning disable CA1031 // A failing listener must not stop the probe loop.
                    catch (Exception)
#pragma warning restore CA1031
                    {
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
