using System.Buffers;
using AlwaysConnected.Routing;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Sip.Writing;
using AlwaysConnected.SipProxy.Logging;

namespace AlwaysConnected.SipProxy.PbxCore;

/// <summary>
/// ARS IN on the arriving request: marks the call in a property bag of its own (carried on to ARS OUT) and
/// writes the request as ARS IN rewrote it.
/// </summary>
internal sealed class ArsPbxCoreRouter(SipRouter router, CallDecisionLog callLog) : IPbxCoreRouter
{
    public PbxCoreRoute Route(SipMessage request, in RoutingContext context, IBufferWriter<byte> afterIn)
    {
        // One property bag per call, carried from IN to OUT.
        var call = new RoutingContext(context.Source, context.Transport) { Properties = context.Properties ?? new CallProperties() };
        var decision = new RoutingDecision();

        router.RouteIn(request, call, decision);
        if (decision.Outcome is RoutingOutcome.Reject or RoutingOutcome.Block or RoutingOutcome.Error)
        {
            // A call that goes on is logged once ARS OUT has decided (PbxCoreRelay).
            callLog.Decided("PBX core", request.Method, context.Source, decision);
        }

        switch (decision.Outcome)
        {
            case RoutingOutcome.Reject or RoutingOutcome.Block:
                return PbxCoreRoute.Answer(decision.StatusCode, decision.ReasonPhrase!);
            case RoutingOutcome.Error:
                return PbxCoreRoute.Answer(500, "Server Internal Error");
            case RoutingOutcome.Forward:
                if (!SipRequestWriter.TryWrite(request, decision, afterIn, out _))
                {
                    return PbxCoreRoute.Answer(500, "Server Internal Error");
                }

                break;
            default:
                afterIn.Write(request.Span);
                break;
        }

        return PbxCoreRoute.Trunk(call);
    }
}
