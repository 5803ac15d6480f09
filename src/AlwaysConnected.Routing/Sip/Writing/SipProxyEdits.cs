namespace AlwaysConnected.Routing.Sip.Writing;

/// <summary>
/// The edits a proxy makes to every request it forwards (RFC 3261 §16.6), applied by
/// <see cref="SipRequestWriter.TryWrite(SipMessage, RoutingDecision, in SipProxyEdits, System.Buffers.IBufferWriter{byte}, out RoutingErrorCode)"/>
/// in the same pass as a decision's edits, so the forwarded request is written once and never re-read.
/// </summary>
/// <remarks>
/// A view over the caller's buffers: building one allocates nothing. An empty span or a null
/// <see cref="MaxForwards"/> leaves that part of the request as it is. A decision's own edit of
/// <c>Via</c> or <c>Max-Forwards</c> wins over the matching proxy edit.
/// </remarks>
public readonly ref struct SipProxyEdits
{
    /// <summary>The value of the Via header field the proxy puts on top (RFC 3261 §16.6 step 8), without <c>Via:</c> and line break.</summary>
    public ReadOnlySpan<byte> Via { get; init; }

    /// <summary>
    /// Whole header lines, each ending in CRLF, written right after the proxy's Via (a <c>Record-Route</c>, credentials).
    /// </summary>
    public ReadOnlySpan<byte> ExtraHeaders { get; init; }

    /// <summary>
    /// A new value for the received top Via (the same element with <c>received</c> and a filled
    /// <c>rport</c>, RFC 3261 §18.2.1 and RFC 3581); only that element changes when the field holds several.
    /// </summary>
    public ReadOnlySpan<byte> ReceivedVia { get; init; }

    /// <summary>The Max-Forwards to send (RFC 3261 §16.6 step 3): written in place of the received value, or added when the request has none.</summary>
    public int? MaxForwards { get; init; }

    internal bool IsEmpty => Via.IsEmpty && ExtraHeaders.IsEmpty && ReceivedVia.IsEmpty && MaxForwards is null;
}
