using AlwaysConnected.SipProxy.Logging;
using AlwaysConnected.SipProxy.PbxCore;
using AlwaysConnected.SipProxy.Proxy;
using AlwaysConnected.SipProxy.Registration;
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
            ContentRootPath = ContentRoot(),
        });
        var fileErrors = new ConfigurationFileErrors();
        fileErrors.Watch(builder.Configuration);
        builder.Services.AddSingleton(fileErrors);
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
        builder.Services.AddSingleton<CallDecisionLog>();
        builder.Services.AddSingleton<HostResolver>();

        // The router asks it for registrars named by host names (routes that take inbound calls only from their registered trunk).
        builder.Services.AddSingleton<AlwaysConnected.Routing.ISipHostResolver>(sp => sp.GetRequiredService<HostResolver>());
        builder.Services.AddSingleton<TransactionHints>();
        builder.Services.AddSingleton(sp => new ProxyMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        builder.Services.AddSingleton<NextHopFailover>();
        builder.Services.AddSingleton<StatelessProxy>();
        builder.Services.TryAddSingleton<IPbxCoreRouter, ArsPbxCoreRouter>();
        builder.Services.AddSingleton<PbxCoreRelay>();
        builder.Services.AddSingleton<SipServer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SipServer>());

        // After the SIP server: it starts once the sockets are open and stops (de-registers) before they close.
        builder.Services.AddOptions<TrunkRegistrationSettings>().BindConfiguration(TrunkRegistrationSettings.SectionName);
        builder.Services.AddSingleton<TrunkRegistrationService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TrunkRegistrationService>());
        return builder;
    }

    /// <summary>
    /// Under <c>dotnet run</c> (the program runs from its project's bin folder), the project folder:
    /// the appsettings.json a user edits, and the one reloads watch. Otherwise (published, or hosted by
    /// tests) the program's own folder.
    /// </summary>
    private static string ContentRoot()
    {
        var project = typeof(SipProxyHost).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "ProjectDirectory")?.Value;
        var runsFromProject = project is not null
            && AppContext.BaseDirectory.StartsWith(Path.Combine(project, "bin") + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            && File.Exists(Path.Combine(project, "appsettings.json"));
        return runsFromProject ? project! : AppContext.BaseDirectory;
    }
}
