using AlwaysConnected.Routing.Ars.Authentication;

namespace AlwaysConnected.SipProxy.PbxCore;

/// <summary>What the PBX core does with a request: forward the rewritten bytes to a trunk, or answer.</summary>
internal sealed record PbxCoreRoute(bool Forward, int StatusCode, string? ReasonPhrase, string? Target, DigestCredentials? Credentials)
{
    public static PbxCoreRoute ForwardTo(string target, DigestCredentials? credentials) => new(true, 0, null, target, credentials);

    public static PbxCoreRoute Answer(int statusCode, string? reasonPhrase = null) => new(false, statusCode, reasonPhrase, null, null);
}
