using System.Buffers;
using AlwaysConnected.Routing;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.SipProxy.PbxCore;

/// <summary>
/// The PBX core's routing decision (ARS IN, then ARS OUT) for a new request. The transport side
/// (<see cref="PbxCoreRelay"/>) does the rest: forwarding, the trunk's digest challenge, relaying responses.
/// </summary>
/// <remarks>
/// <see cref="ArsPbxCoreRouter"/> runs ARS IN then OUT on the request,
/// writes the rewritten request with <c>SipRequestWriter</c> into <paramref name="rewritten"/> and returns
/// the trunk target and the route's credentials.
/// </remarks>
internal interface IPbxCoreRouter
{
    PbxCoreRoute Route(SipMessage request, in RoutingContext context, IBufferWriter<byte> rewritten);
}
