using System.Net;
using AlwaysConnected.SipProxy;
using AlwaysConnected.SipProxy.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AlwaysConnected.Routing.EndToEndTests.Support;

/// <summary>The sample server started in-process on the given settings (on top of its appsettings.json); stopped on dispose.</summary>
internal sealed class ServerHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ServerHost(IHost host) => _host = host;

    public IPEndPoint SipEndPoint => ProxyNode.LocalEndPoint;

    /// <summary>The SIP server role's listener.</summary>
    internal SipNode ProxyNode => _host.Services.GetRequiredService<SipServer>().ProxyNode!;

    /// <summary>The server's router, for what it tells through its public API (session counts, recovery).</summary>
    public SipRouter Router => _host.Services.GetRequiredService<SipRouter>();

    /// <summary>A service of the running server (its metrics, for what the peers cannot see).</summary>
    public T GetRequiredService<T>()
        where T : notnull => _host.Services.GetRequiredService<T>();

    public static async Task<ServerHost> StartAsync(IDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        var builder = SipProxyHost.CreateBuilder([], settings);
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new ServerHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _host.StopAsync(cts.Token);
        _host.Dispose();
    }
}
