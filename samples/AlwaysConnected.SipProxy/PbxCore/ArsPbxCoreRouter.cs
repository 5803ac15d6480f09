using System.Buffers;
using AlwaysConnected.Routing;
using AlwaysConnected.Routing.Ars.Authentication;
using AlwaysConnected.Routing.Ars.Evaluation;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Sip.Writing;
using AlwaysConnected.SipProxy.Logging;

namespace AlwaysConnected.SipProxy.PbxCore;

/// <summary>
/// The PBX core's routing: ARS IN on the arriving request (marks the call in its property bag and
/// rewrites it), then ARS OUT on the result (picks the trunk, rewrites for it), with the route's
/// credentials handed to the relay for the trunk's challenge.
/// </summary>
internal sealed class ArsPbxCoreRouter(SipRouter router, CallDecisionLog callLog) : IPbxCoreRouter
{
    public PbxCoreRoute Route(SipMessage request, in RoutingContext context, IBufferWriter<byte> rewritten)
    {
        // One property bag per call, carried from IN to OUT.
        var call = new RoutingContext(context.Source, context.Transport) { Properties = context.Properties ?? new CallProperties() };
        var decision = new RoutingDecision();

        router.RouteIn(request, call, decision);
        if (decision.Outcome is RoutingOutcome.Reject or RoutingOutcome.Block or RoutingOutcome.Error)
        {
            callLog.Decided("PBX core", request.Method, context.Source, decision);
        }

        if (decision.Outcome is RoutingOutcome.Reject or RoutingOutcome.Block)
        {
            return PbxCoreRoute.Answer(decision.StatusCode, decision.ReasonPhrase);
        }

        if (decision.Outcome == RoutingOutcome.Error)
        {
            return PbxCoreRoute.Answer(500, "Server Internal Error");
        }

        byte[] afterIn;
        if (decision.Outcome == RoutingOutcome.Forward)
        {
            var buffer = new ArrayBufferWriter<byte>(request.Span.Length + 256);
            if (!SipRequestWriter.TryWrite(request, decision, buffer, out _))
            {
                return PbxCoreRoute.Answer(500, "Server Internal Error");
            }

            afterIn = buffer.WrittenSpan.ToArray();
        }
        else
        {
            afterIn = request.Span.ToArray();
        }

        var index = new SipMessageIndex();
        if (SipParser.TryParseDatagram(afterIn, index, out var outgoing) != SipParseStatus.Success)
        {
            return PbxCoreRoute.Answer(500, "Server Internal Error");
        }

        var selection = new ArsSelection();
        var selected = router.RouteOut(outgoing, call, decision, selection);
        callLog.Decided("PBX core", request.Method, context.Source, decision);
        if (!selected)
        {
            return decision.Outcome == RoutingOutcome.Reject
                ? PbxCoreRoute.Answer(decision.StatusCode, decision.ReasonPhrase)
                : PbxCoreRoute.Answer(404, "Not Found (no ARS OUT route)");
        }

        var target = decision.GetTargetString();
        if (target is null || !SipRequestWriter.TryWrite(outgoing, decision, rewritten, out _))
        {
            return PbxCoreRoute.Answer(500, "Server Internal Error");
        }

        var credentials = selection.Credentials is { } trunk ? DigestCredentials.FromTrunk(trunk) : null;
        return PbxCoreRoute.ForwardTo(target.Split(';')[0], credentials);
    }
}
