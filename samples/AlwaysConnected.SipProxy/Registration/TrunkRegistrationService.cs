using System.Diagnostics.Metrics;
using AlwaysConnected.Routing;
using AlwaysConnected.Routing.Ars.Registration;
using AlwaysConnected.SipProxy.Proxy;
using AlwaysConnected.SipProxy.Transport;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AlwaysConnected.SipProxy.Registration;

/// <summary>
/// Registers every ARS route that has a Registration section when the host starts, follows rule reloads, and
/// de-registers when the host stops. REGISTERs leave from the PBX core's socket (the SIP server's when the PBX
/// core is off); <see cref="SipServer"/> routes their responses back here.
/// </summary>
internal sealed partial class TrunkRegistrationService(
    SipServer server,
    SipRouter router,
    HostResolver resolver,
    IOptions<TrunkRegistrationSettings> settings,
    TimeProvider time,
    ILoggerFactory loggers,
    IMeterFactory meters,
    ILogger<TrunkRegistrationService> logger) : IHostedService, ITrunkRegistrationSender, IAsyncDisposable
{
    private TrunkRegistrar? _registrar;

    public TrunkRegistrar? Registrar => _registrar;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var node = server.RegistrationNode ?? throw new InvalidOperationException("The SIP server has not started.");
        var registrar = new TrunkRegistrar(
            this,
            new TrunkRegistrarOptions
            {
                ContactAddress = node.SentBy,
                UserAgent = "AlwaysConnected.SipProxy",
                InitialRetryDelay = TimeSpan.FromMilliseconds(settings.Value.InitialRetryDelayMilliseconds),
                MaxRetryDelay = TimeSpan.FromSeconds(settings.Value.MaxRetryDelaySeconds),
                RetryJitter = settings.Value.RetryJitter,
            },
            time,
            loggers.CreateLogger<TrunkRegistrar>(),
            meters);
        registrar.StateChanged += (_, e) => StateChanged(logger, e.ToString());
        _registrar = registrar;
        server.RegistrationResponses!.Registrar = registrar;
        registrar.Attach(router);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_registrar is { } registrar)
        {
            // Stopped before the sockets close (hosted services stop in reverse order), so Expires: 0 still leaves.
            await registrar.StopAsync(cancellationToken);
        }
    }

    public ValueTask SendAsync(TrunkRegisterRequest request, CancellationToken cancellationToken)
    {
        var node = server.RegistrationNode ?? throw new InvalidOperationException("The SIP server has stopped.");
        if (!resolver.TryResolve(request.Host, request.Port, out var destination))
        {
            throw new InvalidOperationException($"The registrar host '{request.Host}' does not resolve.");
        }

        node.SendDatagram(request.Message.Span, destination);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_registrar is { } registrar)
        {
            server.RegistrationResponses!.Registrar = null;
            await registrar.DisposeAsync();
        }
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Trunk registration: {State}")]
    private static partial void StateChanged(ILogger logger, string state);
}
