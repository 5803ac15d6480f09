using AlwaysConnected.SipProxy;
using Microsoft.Extensions.Hosting;

// Ctrl+C and SIGTERM stop the host, which stops the listeners (SipServer.StopAsync).
using var host = SipProxyHost.CreateBuilder(args).Build();
await host.RunAsync();
