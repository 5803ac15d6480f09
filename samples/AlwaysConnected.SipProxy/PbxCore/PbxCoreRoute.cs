using AlwaysConnected.Routing;

namespace AlwaysConnected.SipProxy.PbxCore;

/// <summary>What ARS IN decided: go on to the trunks with the call's context (its property bag), or answer.</summary>
internal sealed record PbxCoreRoute(bool ToTrunk, int StatusCode, string? ReasonPhrase, RoutingContext Context)
{
    public static PbxCoreRoute Trunk(in RoutingContext context) => new(true, 0, null, context);

    public static PbxCoreRoute Answer(int statusCode, string reasonPhrase) => new(false, statusCode, reasonPhrase, default);
}
