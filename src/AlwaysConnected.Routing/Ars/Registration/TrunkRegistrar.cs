// Kept in one file (about 450 lines) on purpose: the registrar is the lifecycle around the registrations (start,
// reload, response dispatch by Call-ID, timers, stop with de-registration), and those steps share its table of
// registrations and its shutdown state.

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AlwaysConnected.Routing.Ars.Authentication;
using AlwaysConnected.Routing.Diagnostics;
using AlwaysConnected.Routing.Sip;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AlwaysConnected.Routing.Ars.Registration;

/// <summary>
/// Keeps every ARS route that has a <see cref="RouteRegistration"/> registered with its carrier: one REGISTER
/// binding per route, answered challenges, refreshes at the route's update percentage, retries with backoff,
/// and de-registration on shutdown or when a reload removes the route.
/// </summary>
/// <remarks>
/// The transport is the host's: requests go out through <see cref="ITrunkRegistrationSender"/> and the host feeds
/// every response whose Call-ID is a registration's to <see cref="TryHandleResponse(SipMessage)"/>. Timers come
/// from the <see cref="TimeProvider"/>. <see cref="DisposeAsync"/> (or <see cref="StopAsync"/>) de-registers and
/// leaves no timer or task running; <see cref="Dispose"/> stops at once without de-registering.
/// </remarks>
public sealed class TrunkRegistrar : IAsyncDisposable, IDisposable
{
    private readonly Lock _gate = new();
    private readonly ITrunkRegistrationSender _sender;
    private readonly TrunkRegistrarOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TrunkRegistrationMetrics _metrics;
    private readonly DigestAuthenticator _authenticator;
    private readonly CancellationTokenSource _disposing = new();
    private readonly Dictionary<string, TrunkRegistration> _byRoute = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TrunkRegistration> _byCallId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TrunkRegistration>.AlternateLookup<ReadOnlySpan<char>> _callIdLookup;
    private readonly HashSet<Task> _pending = [];
    private SipRouter? _router;
    private bool _stopping;
    private int _disposed;

    /// <summary>Creates a registrar; it registers nothing until <see cref="Apply"/> or <see cref="Attach"/>.</summary>
    /// <param name="sender">The host's transport for REGISTER requests.</param>
    /// <param name="options">The Contact address and the pacing; copied, so later changes have no effect.</param>
    /// <param name="time">The clock and timers; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Where state changes are logged, or null.</param>
    /// <param name="meterFactory">
    /// Where the meter <c>AlwaysConnected.Routing</c> comes from (registered trunks and failed attempts, see
    /// docs/hosting.md); a meter of the registrar's own when null.
    /// </param>
    /// <exception cref="ArgumentException">The options are not usable (e.g. no <see cref="TrunkRegistrarOptions.ContactAddress"/>).</exception>
    public TrunkRegistrar(
        ITrunkRegistrationSender sender,
        TrunkRegistrarOptions options,
        TimeProvider? time = null,
        ILogger<TrunkRegistrar>? logger = null,
        IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _sender = sender;
        _options = options.Clone();
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _metrics = new TrunkRegistrationMetrics(meterFactory);
        _authenticator = new DigestAuthenticator();
        _callIdLookup = _byCallId.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Raised after a route's registration changed state (on the thread that changed it).</summary>
    public event EventHandler<TrunkRegistrationState>? StateChanged;

    /// <summary>The state of every route's registration, one per route that has one.</summary>
    public IReadOnlyList<TrunkRegistrationState> States
    {
        get
        {
            lock (_gate)
            {
                return [.. _byRoute.Values.Select(r => r.State)];
            }
        }
    }

    /// <summary>The state of one route's registration.</summary>
    /// <param name="routeName">The ARS route's name.</param>
    /// <returns>The state, or null when the route has no registration.</returns>
    public TrunkRegistrationState? GetState(string routeName)
    {
        lock (_gate)
        {
            return _byRoute.TryGetValue(routeName, out var registration) ? registration.State : null;
        }
    }

    /// <summary>
    /// Makes the registrations match a definition: every enabled route with a Registration is registered; a route
    /// whose registration (or the credentials it falls back on) is unchanged keeps its binding; a changed one is
    /// de-registered and registered again with its new data; a removed one is de-registered.
    /// </summary>
    /// <param name="definition">The ARS definition now serving.</param>
    /// <exception cref="ObjectDisposedException">The registrar is stopping or disposed.</exception>
    public void Apply(ArsDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        IReadOnlyList<ArsRoute> routes;
        try
        {
            routes = definition.GetEffectiveRoutes();
        }
        catch (Exception e) when (e is RoutingConfigurationException or ArgumentException)
        {
            // The router never serves such a definition; keep what is registered.
            RegistrationLog.DefinitionRejected(_logger, e);
            return;
        }

        var toStart = new List<TrunkRegistration>();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            var wanted = new HashSet<string>(StringComparer.Ordinal);
            foreach (var route in routes)
            {
                if (!route.Enabled || route.Registration is null)
                {
                    continue;
                }

                wanted.Add(route.Name);
                var registration = RegistrationVariables.Expand(route.Registration, route, definition);
                var credentials = CredentialsOf(route, registration);
                if (_byRoute.TryGetValue(route.Name, out var current))
                {
                    if (current.SameAs(registration, credentials))
                    {
                        continue;
                    }

                    // The old binding goes first: the new one may name the same Contact, which a late
                    // de-registration would otherwise remove.
                    var replacement = Create(route.Name, registration, credentials);
                    _byRoute[route.Name] = replacement;
                    Track(current.StopAsync(deregister: true).ContinueWith(
                        static (_, state) => ((TrunkRegistration)state!).Start(),
                        replacement,
                        CancellationToken.None,
                        TaskContinuationOptions.ExecuteSynchronously,
                        TaskScheduler.Default));
                    continue;
                }

                var created = Create(route.Name, registration, credentials);
                _byRoute.Add(route.Name, created);
                toStart.Add(created);
            }

            foreach (var name in _byRoute.Keys.Where(n => !wanted.Contains(n)).ToList())
            {
                var removed = _byRoute[name];
                _byRoute.Remove(name);
                Track(removed.StopAsync(deregister: true));
            }
        }

        foreach (var registration in toStart)
        {
            registration.Start();
        }
    }

    /// <summary>
    /// Registers the router's routes now and follows its reloads (<see cref="SipRouter.Reloaded"/>): each applied
    /// reload is passed to <see cref="Apply"/>. A registrar follows one router.
    /// </summary>
    /// <param name="router">The router.</param>
    public void Attach(SipRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            if (_router is not null)
            {
                throw new InvalidOperationException("The registrar already follows a router.");
            }

            _router = router;
            router.Reloaded += OnReloaded;
        }

        Apply(router.Model.Ars);
    }

    /// <summary>
    /// Hands the registrar a response the host received. Allocates nothing when the response is not a
    /// registration's, so the host may offer it every response.
    /// </summary>
    /// <param name="response">The parsed response.</param>
    /// <returns>True when the Call-ID is a registration's (the response is then consumed: do not forward it).</returns>
    public bool TryHandleResponse(SipMessage response)
    {
        if (response.IsRequest || _byCallId.IsEmpty)
        {
            return false;
        }

        var callId = SipCharacters.TrimLws(response.GetFirstValue(SipHeaderId.CallId));
        if (callId.IsEmpty || callId.Length > 256)
        {
            return false;
        }

        Span<char> chars = stackalloc char[callId.Length];
        for (var i = 0; i < callId.Length; i++)
        {
            chars[i] = (char)callId[i];
        }

        if (!_callIdLookup.TryGetValue(chars, out var registration))
        {
            return false;
        }

        registration.Handle(response);
        return true;
    }

    /// <summary>
    /// De-registers every active binding (<c>Expires: 0</c>) and stops; waits for the answers, each at most
    /// <see cref="TrunkRegistrarOptions.ResponseTimeout"/>. Stops at once when <paramref name="cancellationToken"/>
    /// is cancelled.
    /// </summary>
    /// <param name="cancellationToken">Ends the wait early.</param>
    /// <returns>A task that completes when nothing is left running.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        List<TrunkRegistration> registrations;
        lock (_gate)
        {
            _stopping = true;
            if (_router is { } router)
            {
                router.Reloaded -= OnReloaded;
                _router = null;
            }

            registrations = [.. _byRoute.Values];
        }

        var stops = registrations.Select(r => r.StopAsync(deregister: true)).ToList();
        Task[] pending;
        lock (_gate)
        {
            pending = [.. _pending];
        }

        try
        {
            await Task.WhenAll(stops.Concat(pending)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            AbortAll();
        }
    }

    /// <summary>De-registers and stops (<see cref="StopAsync"/>), then releases everything.</summary>
    /// <returns>A task that completes when nothing is left running.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await StopAsync().ConfigureAwait(false);
        AbortAll();
        await _disposing.CancelAsync().ConfigureAwait(false);
        _disposing.Dispose();
        _metrics.Dispose();
    }

    /// <summary>Stops at once, without de-registering (use <see cref="DisposeAsync"/> to de-register).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        lock (_gate)
        {
            _stopping = true;
            if (_router is { } router)
            {
                router.Reloaded -= OnReloaded;
                _router = null;
            }
        }

        AbortAll();
        _disposing.Cancel();
        _disposing.Dispose();
        _metrics.Dispose();
    }

    private static TrunkCredentials? CredentialsOf(ArsRoute route, RouteRegistration registration) =>
        registration is { User: { } user }
            ? new TrunkCredentials(user, registration.Password ?? "")
            : route.Credentials;

    private void AbortAll()
    {
        List<TrunkRegistration> all;
        lock (_gate)
        {
            all = [.. _byRoute.Values, .. _byCallId.Values];
        }

        foreach (var registration in all)
        {
            registration.Abort();
        }
    }

    private TrunkRegistration Create(string routeName, RouteRegistration registration, TrunkCredentials? credentials)
    {
        var created = new TrunkRegistration(routeName, registration, credentials, _options, _time, _authenticator, Send, OnChanged);
        if (created.Target is null)
        {
            RegistrationLog.Invalid(_logger, routeName, created.State.Reason ?? "");
        }
        else
        {
            _byCallId[created.CallId] = created;
            created.Stopped.ContinueWith(
                static (_, state) =>
                {
                    var (registrar, registration) = ((TrunkRegistrar, TrunkRegistration))state!;
                    registrar._byCallId.TryRemove(new KeyValuePair<string, TrunkRegistration>(registration.CallId, registration));
                },
                (this, created),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        return created;
    }

    private void Track(Task task)
    {
        lock (_gate)
        {
            _pending.Add(task);
        }

        task.ContinueWith(
            static (done, state) =>
            {
                var registrar = (TrunkRegistrar)state!;
                lock (registrar._gate)
                {
                    registrar._pending.Remove(done);
                }
            },
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void OnReloaded(object? sender, RoutingReloadEventArgs e)
    {
        if (e.Applied && sender is SipRouter router)
        {
            try
            {
                Apply(router.Model.Ars);
            }
            catch (ObjectDisposedException)
            {
                // A reload that raced with shutdown: nothing to register any more.
            }
        }
    }

    private void Send(TrunkRegistration registration, byte[] message, uint cseq)
    {
        var target = registration.Target!;
        var request = new TrunkRegisterRequest(registration.RouteName, target.Host, target.Port, _options.Transport, registration.CallId, message);
        ValueTask sending;
        try
        {
            sending = _sender.SendAsync(request, _disposing.IsCancellationRequested ? new CancellationToken(true) : _disposing.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            RegistrationLog.SendFailed(_logger, registration.RouteName, e);
            registration.SendFailed(cseq, e);
            return;
        }

        if (sending.IsCompletedSuccessfully)
        {
            return;
        }

        Track(Observe(sending, registration, cseq));
    }

    private async Task Observe(ValueTask sending, TrunkRegistration registration, uint cseq)
    {
        try
        {
            await sending.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            RegistrationLog.SendFailed(_logger, registration.RouteName, e);
            registration.SendFailed(cseq, e);
        }
    }

    private void OnChanged(TrunkRegistration registration, TrunkRegistrationState previous, TrunkRegistrationState current)
    {
        _metrics.RecordChange(previous, current);
        if (current.Status == TrunkRegistrationStatus.Failed)
        {
            RegistrationLog.Failed(_logger, current.RouteName, current.AddressOfRecord, current.StatusCode ?? 0, current.Reason ?? "", current.NextAttemptAt);
        }
        else
        {
            RegistrationLog.Changed(_logger, current.RouteName, current.AddressOfRecord, current.Status, current.ExpiresAt);
        }

        try
        {
            StateChanged?.Invoke(this, current);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A handler's fault must not stop a timer or a response path.
            RegistrationLog.HandlerFailed(_logger, current.RouteName, e);
        }
    }
}
