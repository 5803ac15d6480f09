using System.Net;
using AlwaysConnected.Routing;
using AlwaysConnected.SipProxy.Logging;
using AlwaysConnected.SipProxy.PbxCore;
using AlwaysConnected.SipProxy.Proxy;
using AlwaysConnected.SipProxy.Transport;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AlwaysConnected.SipProxy;

/// <summary>Starts the two roles' listeners with the host and stops them with it (Ctrl+C, SIGTERM).</summary>
internal sealed partial class SipServer(
    IOptions<SipProxyOptions> options,
    SipRouter router,
    ConfigurationFileErrors fileErrors,
    StatelessProxy proxy,
    PbxCoreRelay pbxCore,
    BadInputLimiter badInput,
    SipServerMetrics metrics,
    ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private readonly List<SipNode> _nodes = [];

    /// <summary>The SIP server role's listener (for tests: the real port when 0 was configured).</summary>
    public SipNode? ProxyNode { get; private set; }

    /// <summary>The PBX core role's listener, or null when turned off.</summary>
    public SipNode? PbxCoreNode { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var startup = loggers.CreateLogger<SipServer>();
        fileErrors.Attach(startup);
        LogRules(startup, router.Version, router.Model.ToString());
        foreach (var (host, mapped) in settings.Hosts)
        {
            LogHost(startup, host, mapped);
        }

        var address = IPAddress.Parse(settings.ListenAddress);
        var logger = loggers.CreateLogger<SipNode>();
        ProxyNode = new SipNode("SIP server", new IPEndPoint(address, settings.SipPort), settings.EnableTcp, settings.MaxMessageSize, settings.ReceiveWorkers, proxy, badInput, metrics, logger);
        _nodes.Add(ProxyNode);
        if (settings.PbxCorePort > 0)
        {
            PbxCoreNode = new SipNode("PBX core", new IPEndPoint(address, settings.PbxCorePort), settings.EnableTcp, settings.MaxMessageSize, settings.ReceiveWorkers, pbxCore, badInput, metrics, logger);
            _nodes.Add(PbxCoreNode);
        }

        foreach (var node in _nodes)
        {
            node.Start();
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        _nodes.Clear();
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Routing rules version {Version}: {Model}")]
    private static partial void LogRules(ILogger logger, long version, string model);

    [LoggerMessage(EventId = 31, Level = LogLevel.Information, Message = "Host map: {Host} is sent to {Address}")]
    private static partial void LogHost(ILogger logger, string host, string address);
}
