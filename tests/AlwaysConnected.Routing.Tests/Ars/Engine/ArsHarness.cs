using System.Buffers;
using System.Net;
using System.Text;
using AlwaysConnected.Routing.Ars;
using AlwaysConnected.Routing.Ars.Evaluation;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Sip.Writing;
using AlwaysConnected.Routing.Tests.Support;

namespace AlwaysConnected.Routing.Tests.Ars.Engine;

/// <summary>Builds requests, runs a stage and writes the rewritten request, so tests can assert on bytes.</summary>
internal static class ArsHarness
{
    public static readonly IPEndPoint MediaServer = new(IPAddress.Loopback, 5056);

    public static byte[] Invite(string requestUri, string to, string from, params (string Name, string Value)[] extra)
    {
        var headers = new List<(string, string)> { ("To", to), ("From", from) };
        headers.AddRange(extra);
        return TestRequest.Build("INVITE", requestUri, headers);
    }

    public static RoutingContext Context(CallProperties? properties) => new(MediaServer) { Properties = properties };

    public static bool Route(CompiledArs ars, ArsDirection direction, byte[] request, CallProperties? properties, RoutingDecision decision, ArsSelection? selection = null)
    {
        var index = new SipMessageIndex();
        var message = ParsedRequest.Parse(request, index);
        var context = Context(properties);
        selection ??= new ArsSelection();
        return direction == ArsDirection.In
            ? ars.RouteIn(message, context, decision, selection)
            : ars.RouteOut(message, context, decision, selection);
    }

    public static bool Next(ArsSelection selection, byte[] request, CallProperties? properties, RoutingDecision decision)
    {
        var index = new SipMessageIndex();
        var message = ParsedRequest.Parse(request, index);
        return selection.TryGetNext(message, Context(properties), decision);
    }

    public static RoutingTrace Explain(CompiledArs ars, ArsDirection direction, byte[] request, CallProperties? properties, RoutingDecision decision)
    {
        var index = new SipMessageIndex();
        var message = ParsedRequest.Parse(request, index);
        return direction == ArsDirection.In
            ? ars.ExplainIn(message, Context(properties), decision)
            : ars.ExplainOut(message, Context(properties), decision);
    }

    /// <summary>The request with the decision's edits applied.</summary>
    public static byte[] Write(byte[] request, RoutingDecision decision)
    {
        var index = new SipMessageIndex();
        var message = ParsedRequest.Parse(request, index);
        var output = new ArrayBufferWriter<byte>();
        SipRequestWriter.TryWrite(message, decision, output, out var error).Should().BeTrue(error.ToString());
        return output.WrittenSpan.ToArray();
    }

    public static string Text(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
