using System.Buffers;
using System.Net;
using AlwaysConnected.Routing;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Sip.Writing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);

// The rules: section "Routing" of appsettings.json, checked at start (errors throw here) and
// reloaded when the file changes (a bad change is refused and logged; the last good rules serve).
builder.Services.AddSipRouting().BindConfiguration("Routing");
using var host = builder.Build();
var router = host.Services.GetRequiredService<SipRouter>();
Console.WriteLine($"Rules: {router.Model}");

// One of each per worker thread, reused for every request: routing then allocates nothing.
var index = new SipMessageIndex();
var decision = new RoutingDecision();
var output = new ArrayBufferWriter<byte>();

// An INVITE as the Media Server sends it to the SIP server (from port 5056).
var invite = """
    INVITE sip:09012345678@127.0.0.1 SIP/2.0
    Via: SIP/2.0/UDP 127.0.0.1:5056;branch=z9hG4bK-1
    Max-Forwards: 70
    From: <sip:101@127.0.0.1:5056>;tag=1
    To: <sip:09012345678@127.0.0.1>
    Call-ID: call-1@127.0.0.1
    CSeq: 1 INVITE
    X-PBX-Param: pin
    Content-Length: 0


    """.ReplaceLineEndings("\r\n");
var datagram = System.Text.Encoding.ASCII.GetBytes(invite);
var mediaServer = new IPEndPoint(IPAddress.Loopback, 5056);

Console.WriteLine($"SIP server: {AtSipServer(datagram, mediaServer)}");
Console.WriteLine($"PBX core:   {AtPbxCore(output.WrittenSpan.ToArray(), new IPEndPoint(IPAddress.Loopback, 5060))}");

// The SIP server's stage: the dial plan decides.
string AtSipServer(byte[] datagram, IPEndPoint source)
{
    if (SipParser.TryParseDatagram(datagram, index, out var message) != OperationStatus.Done)
    {
        // Not a request the server can read: answer with the status the parser suggests (400, 413, 414 or 513).
        return $"answer {index.Error.SuggestedStatusCode} ({index.Error})";
    }

    router.Route(message, new RoutingContext(source, SipTransport.Udp), decision);
    return Act(message);
}

// A PBX core's stage: ARS IN rewrites the arriving call and fills its properties, then ARS OUT picks the trunk.
string AtPbxCore(byte[] datagram, IPEndPoint source)
{
    if (SipParser.TryParseDatagram(datagram, index, out var message) != OperationStatus.Done)
    {
        return $"answer {index.Error.SuggestedStatusCode} ({index.Error})";
    }

    var context = new RoutingContext(source, SipTransport.Udp) { Properties = new CallProperties() };
    if (router.RouteIn(message, context, decision))
    {
        // OUT runs on the request as IN left it: write it, then read it again.
        output.ResetWrittenCount();
        SipRequestWriter.TryWrite(message, decision, output, out _);
        datagram = output.WrittenSpan.ToArray();
        SipParser.TryParseDatagram(datagram, index, out message);
    }

    router.RouteOut(message, context, decision);
    return Act(message);
}

// What the host does with each outcome.
string Act(SipMessage message)
{
    switch (decision.Outcome)
    {
        case RoutingOutcome.Forward:
            output.ResetWrittenCount();
            if (!SipRequestWriter.TryWrite(message, decision, output, out var error))
            {
                return $"answer 500 ({error})";
            }

            // Send output.WrittenSpan to the next hop: decision.Target, or by the Request-URI when there is none.
            return $"send {output.WrittenCount} bytes to {decision.GetTargetString() ?? decision.GetRequestUriString()} ({decision})";
        case RoutingOutcome.Reject or RoutingOutcome.Block:
            return $"answer {decision.StatusCode} {decision.ReasonPhrase} ({decision})";
        case RoutingOutcome.Error:
            // The rules would produce an unusable request (a value with CR or LF, say): never forward it.
            return $"answer 500 ({decision.ErrorCode}: {decision.ErrorMessage})";
        default:
            // RoutingOutcome.NoMatch: no rule took the request; route it as without rules, by its Request-URI.
            return "no rule matched: route by the Request-URI";
    }
}
