using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Text;

namespace AlwaysConnected.Routing.Ars.Plugins;

/// <summary>
/// A plug-in that looks its value up elsewhere (a database, a web service). The routing thread waits for
/// the result at most <see cref="Timeout"/>; a lookup that takes longer is cancelled and the slot counts as
/// a mismatch, so a slow or hung service can delay a call but never stall the router.
/// </summary>
/// <remarks>
/// A lookup that completes synchronously (a cache hit returning a completed <see cref="ValueTask{TResult}"/>)
/// costs no thread switch. The call details are copied for the lookup, so this path allocates.
/// </remarks>
public abstract class AsyncArsPlugin : ArsPlugin
{
    /// <summary>The timeout used when none is given (200 ms).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>Creates a plug-in.</summary>
    /// <param name="name">The name a block's <c>Plugin N</c> field uses.</param>
    /// <param name="timeout">The longest the routing thread waits; <see cref="DefaultTimeout"/> when null.</param>
    protected AsyncArsPlugin(string name, TimeSpan? timeout = null)
        : base(name)
    {
        var value = timeout ?? DefaultTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, nameof(timeout));
        Timeout = value;
    }

    /// <summary>The longest the routing thread waits for a result.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Looks the value up.</summary>
    /// <param name="call">The call details.</param>
    /// <param name="cancellationToken">Cancelled when <see cref="Timeout"/> has passed.</param>
    /// <returns>The value, or null for a mismatch.</returns>
    public abstract ValueTask<string?> InvokeAsync(ArsAsyncPluginCall call, CancellationToken cancellationToken);

    /// <summary>Runs <see cref="InvokeAsync"/> and waits for it at most <see cref="Timeout"/>.</summary>
    /// <param name="call">The call.</param>
    /// <param name="result">Receives the value.</param>
    /// <returns>False for a null value.</returns>
    /// <exception cref="TimeoutException">The lookup did not finish in time (the engine reports it and treats it as a mismatch).</exception>
    public sealed override bool TryInvoke(scoped in ArsPluginCall call, IBufferWriter<byte> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var copy = new ArsAsyncPluginCall(
            Encoding.UTF8.GetString(call.Param),
            call.Message.Span.ToArray(),
            call.Source,
            call.RouteName,
            call.Direction,
            call.BlockNumber,
            call.Slot);
        using var cancellation = new CancellationTokenSource(Timeout);
        string? value;
        try
        {
            var pending = InvokeAsync(copy, cancellation.Token);
            value = pending.IsCompleted ? pending.GetAwaiter().GetResult() : Wait(pending.AsTask(), cancellation);
        }
        catch (OperationCanceledException cancelled) when (cancellation.IsCancellationRequested)
        {
            // The lookup honoured the timeout's cancellation before the wait noticed: still a timeout.
            throw new TimeoutException($"Plug-in '{Name}' did not answer within {Timeout.TotalMilliseconds} ms.", cancelled);
        }

        if (value is null)
        {
            return false;
        }

        Encoding.UTF8.GetBytes(value, result);
        return true;
    }

    /// <summary>
    /// The async front door's call: runs <see cref="InvokeAsync"/> and awaits it at most <see cref="Timeout"/>.
    /// A failure (the lookup threw, or timed out as a <see cref="TimeoutException"/>) is returned, not thrown, for
    /// the engine to report; only the caller's own cancellation is thrown.
    /// </summary>
    /// <param name="call">The call details.</param>
    /// <param name="cancellationToken">The caller's token; the lookup's token is cancelled by it and by the timeout.</param>
    /// <returns>The value (null for a null result), or the failure.</returns>
    internal async ValueTask<(string? Value, Exception? Failure)> InvokeWithTimeoutAsync(ArsAsyncPluginCall call, CancellationToken cancellationToken)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cancellation.CancelAfter(Timeout);
        Task<string?>? task = null;
        try
        {
            var pending = InvokeAsync(call, cancellation.Token);
            if (pending.IsCompleted)
            {
                return (pending.GetAwaiter().GetResult(), null);
            }

            task = pending.AsTask();
            return (await task.WaitAsync(Timeout, cancellationToken).ConfigureAwait(false), null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Observe(task, cancellation);
            throw;
        }
        catch (TimeoutException late) when (task is not null && !task.IsCompleted)
        {
            Observe(task, cancellation);
            return (null, new TimeoutException(TimeoutMessage, late));
        }
        catch (OperationCanceledException cancelled) when (cancellation.IsCancellationRequested)
        {
            // The lookup honoured the timeout's cancellation before the wait noticed: still a timeout.
            return (null, new TimeoutException(TimeoutMessage, cancelled));
        }
#pragma warning disable CA1031 // A plug-in failure must never take the router down: the engine reports it as a mismatch.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return (null, e);
        }
    }

    private string TimeoutMessage => $"Plug-in '{Name}' did not answer within {Timeout.TotalMilliseconds} ms.";

    /// <summary>Cancels a lookup that is given up on, and observes a late failure so it does not surface as an unobserved task exception.</summary>
    private static void Observe(Task<string?>? task, CancellationTokenSource cancellation)
    {
        cancellation.Cancel();
        _ = task?.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    private string? Wait(Task<string?> task, CancellationTokenSource cancellation)
    {
        bool finished;
        try
        {
            finished = task.Wait(Timeout);
        }
        catch (AggregateException aggregate) when (aggregate.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Throw(aggregate.InnerExceptions[0]);
            throw;
        }

        if (!finished)
        {
            cancellation.Cancel();

            // Observe a late failure so it does not surface as an unobserved task exception.
            _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw new TimeoutException($"Plug-in '{Name}' did not answer within {Timeout.TotalMilliseconds} ms.");
        }

        return task.GetAwaiter().GetResult();
    }
}
