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
