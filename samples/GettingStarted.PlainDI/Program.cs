using System.Buffers;
using System.Net;
using AlwaysConnected.Routing;
using AlwaysConnected.Routing.Sip;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Without a host, build the configuration yourself and register it: BindConfiguration reads the
// IConfiguration service (without it: "No service for type IConfiguration").
var configuration = new ConfigurationBuilder()
    .SetBasePath(AppContext.BaseDirectory)
    .AddJsonFile("appsettings.json", optional: false, reloadOnChange: true)
    .Build();

var services = new ServiceCollection();
services.AddSingleton<IConfiguration>(configuration);
services.AddSipRouting().BindConfiguration("Routing");
using var provider = services.BuildServiceProvider();
var router = provider.GetRequiredService<SipRouter>();
Console.WriteLine($"Rules: {router.Model}");

var datagram = System.Text.Encoding.ASCII.GetBytes("""
    INVITE sip:09012345678@127.0.0.1 SIP/2.0
    Via: SIP/2.0/UDP 203.0.113.9:5060;branch=z9hG4bK-1
    Max-Forwards: 70
    From: <sip:101@203.0.113.9>;tag=1
    To: <sip:09012345678@127.0.0.1>
    Call-ID: call-1@203.0.113.9
    CSeq: 1 INVITE
    X-PBX-Param: pin
    Content-Length: 0


    """.ReplaceLineEndings("\r\n"));

var index = new SipMessageIndex();
var decision = new RoutingDecision();
if (SipParser.TryParseDatagram(datagram, index, out var message) == OperationStatus.Done)
{
    // From outside, with the PBX's private header: the anti-spoofing rule rejects it (603).
    router.Route(message, new RoutingContext(new IPEndPoint(IPAddress.Parse("203.0.113.9"), 5060)), decision);
    Console.WriteLine(decision);
}
else
{
    Console.WriteLine($"answer {index.Error.SuggestedStatusCode} ({index.Error})");
}
