using System.Buffers;
using AlwaysConnected.Routing;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.SipProxy.PbxCore;

/// <summary>
/// The PBX core's ARS IN stage for a new request: it marks the call in its property bag and rewrites the request,
/// or answers it. What follows (ARS OUT, the trunk's session, challenge, failover) is the library's
/// <c>TrunkCall</c>, driven by <see cref="PbxCoreRelay"/>.
/// </summary>
internal interface IPbxCoreRouter
{
    /// <summary>Runs ARS IN; writes the request as it leaves ARS IN into <paramref name="afterIn"/> when the call goes on to a trunk.</summary>
    PbxCoreRoute Route(SipMessage request, in RoutingContext context, IBufferWriter<byte> afterIn);
}
