using System.Buffers;
using System.Net;
using AlwaysConnected.Routing.Ars.Evaluation;
using AlwaysConnected.Routing.Sip;
using AlwaysConnected.Routing.Sip.Writing;

namespace AlwaysConnected.Routing.Benchmarks;

/// <summary>
/// One routing thread's state for the Always Connected case 2 flow: the SIP server's dial plan sends
/// the Media Server's INVITE to the PBX core, whose ARS IN marks the call and ARS OUT picks the trunk.
/// Each hop parses the bytes the previous hop wrote, routes and writes the rewritten request.
/// </summary>
internal sealed class PipelineWorker(SipRouter router, byte[] invite)
{
    private static readonly RoutingContext FromMediaServer = new(new IPEndPoint(IPAddress.Loopback, 5056));
    private static readonly IPEndPoint SipServer = new(IPAddress.Loopback, 5060);

    private readonly SipMessageIndex _index = new();
    private readonly RoutingDecision _decision = new();
    private readonly CallProperties _properties = new();
    private readonly ArsSelection _selection = new();
    private readonly ArrayBufferWriter<byte> _toPbx = new(4096);
    private readonly ArrayBufferWriter<byte> _afterIn = new(4096);
    private readonly ArrayBufferWriter<byte> _toTrunk = new(4096);

    /// <summary>The bytes sent to the trunk by the last run.</summary>
    public ReadOnlySpan<byte> Output => _toTrunk.WrittenSpan;

    /// <summary>Routes the INVITE through all three stages; returns the size of the request sent to the trunk (0 on failure).</summary>
    public int Run()
    {
        if (SipParser.TryParseDatagram(invite, _index, out var atSipServer) != OperationStatus.Done)
        {
            return 0;
        }

        router.Route(atSipServer, FromMediaServer, _decision);
        _toPbx.ResetWrittenCount();
        if (!SipRequestWriter.TryWrite(atSipServer, _decision, _toPbx, out _)
            || SipParser.TryParseDatagram(_toPbx.WrittenSpan, _index, out var atPbx) != OperationStatus.Done)
        {
            return 0;
        }

        _properties.Clear();
        var fromSipServer = new RoutingContext(SipServer) { Properties = _properties };
        router.RouteIn(atPbx, fromSipServer, _decision, _selection);
        _afterIn.ResetWrittenCount();
        if (!SipRequestWriter.TryWrite(atPbx, _decision, _afterIn, out _)
            || SipParser.TryParseDatagram(_afterIn.WrittenSpan, _index, out var outgoing) != OperationStatus.Done
            || !router.RouteOut(outgoing, fromSipServer, _decision, _selection))
        {
            return 0;
        }

        _toTrunk.ResetWrittenCount();
        return SipRequestWriter.TryWrite(outgoing, _decision, _toTrunk, out _) ? _toTrunk.WrittenCount : 0;
    }
}
