using System.Buffers;
using AlwaysConnected.Routing;
using AlwaysConnected.Routing.Sip;
using Microsoft.Extensions.Logging;

namespace AlwaysConnected.SipProxy.PbxCore;

/// <summary>
/// Stands in until the ARS engine is part of the library: every new request to the PBX core is answered
/// 503, loudly, so a case 2 configuration fails visibly instead of silently.
/// </summary>
internal sealed partial class UnwiredPbxCoreRouter(ILogger<UnwiredPbxCoreRouter> logger) : IPbxCoreRouter
{
    private int _logged;

    public PbxCoreRoute Route(SipMessage request, in RoutingContext context, IBufferWriter<byte> rewritten)
    {
        if (Interlocked.Exchange(ref _logged, 1) == 0)
        {
            LogNotWired();
        }

        return PbxCoreRoute.Answer(503, "Service Unavailable (ARS engine not wired)");
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Error, Message = "The PBX core received a request but the ARS engine is not wired into this sample yet; answering 503")]
    private partial void LogNotWired();
}
