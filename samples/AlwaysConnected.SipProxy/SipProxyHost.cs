using AlwaysConnected.SipProxy.PbxCore;
using AlwaysConnected.SipProxy.Proxy;
using AlwaysConnected.SipProxy.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AlwaysConnected.SipProxy;

/// <summary>Builds the sample's host; tests call this with their own configuration on top of appsettings.json.</summary>
internal static class SipProxyHost
{
    public static HostApplicationBuilder CreateBuilder(string[] args, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Services.AddOptions<SipProxyOptions>().BindConfiguration(SipProxyOptions.SectionName);
        builder.Services.AddSipRouting().BindConfiguration("Routing");
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new BadInputLimiter(
            sp.GetRequiredService<ILogger<BadInputLimiter>>(),
            sp.GetRequiredService<TimeProvider>(),
            TimeSpan.FromSeconds(Math.Max(1, sp.GetRequiredService<IOptions<SipProxyOptions>>().Value.BadInputLogIntervalSeconds))));
        builder.Services.AddSingleton<SipServerMetrics>();
        builder.Services.AddSingleton<HostResolver>();
        builder.Services.AddSingleton<TransactionHints>();
        builder.Services.AddSingleton(sp => new ProxyMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        builder.Services.AddSingleton<NextHopFailover>();
        builder.Services.AddSingleton<StatelessProxy>();
        builder.Services.TryAddSingleton<IPbxCoreRouter, ArsPbxCoreRouter>();
        builder.Services.AddSingleton<PbxCoreRelay>();
        builder.Services.AddSingleton<SipServer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SipServer>());
        return builder;
    }
}
