using System.Net;
using AlwaysConnected.Routing.Ars.Calls;
using AlwaysConnected.SipProxy.Transport;

namespace AlwaysConnected.SipProxy.PbxCore;

/// <summary>
/// What the PBX core keeps per call besides the library's <see cref="TrunkCall"/>: who called (to answer and
/// relay), the caller's request (to answer it later, e.g. after a timeout), and each attempt sent to a trunk.
/// Lock it around every event of the call: the <see cref="TrunkCall"/>'s outputs are read after the event.
/// </summary>
internal sealed class PbxCoreCall(TrunkCall call, SipNode node, Inbound upstream, string upstreamBranch, string callId, string? fromTag, byte[] callerRequest)
{
    public TrunkCall Call { get; } = call;

    public SipNode Node { get; } = node;

    public Inbound Upstream { get; } = upstream;

    public string UpstreamBranch { get; } = upstreamBranch;

    public string CallId { get; } = callId;

    public string? FromTag { get; } = fromTag;

    public byte[] CallerRequest { get; } = callerRequest;

    /// <summary>The branches of every attempt sent, to forget them when the call is finished.</summary>
    public List<string> Branches { get; } = [];

    /// <summary>The attempt last sent (the one a CANCEL follows), or null.</summary>
    public TrunkAttempt? Current { get; set; }

    public DateTimeOffset Expires { get; set; }

    /// <summary>Set once the call is finished and its <see cref="TrunkCall"/> returned to the pool: nothing may touch it then.</summary>
    public bool Finished { get; set; }
}

/// <summary>
/// One request sent to a trunk: where, on which branch, the Request-URI and CSeq it carried (for its ACK and
/// CANCEL) and how far that CSeq is ahead of the caller's.
/// </summary>
internal sealed record TrunkAttempt(PbxCoreCall Owner, long Attempt, string Branch, IPEndPoint Destination, byte[] RequestUri, uint CSeq, uint Offset, string Method);
