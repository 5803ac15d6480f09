namespace AlwaysConnected.Routing.Ars.Calls;

/// <summary>What the host does after handing an event to a <see cref="TrunkCall"/>.</summary>
public enum TrunkCallAction
{
    /// <summary>Nothing (a provisional response already relayed, a late or repeated event).</summary>
    None,

    /// <summary>
    /// Send <see cref="TrunkCall.Request"/> to <see cref="TrunkCall.Target"/> as a new client transaction
    /// identified by <see cref="TrunkCall.Attempt"/>: the first request, the retry with credentials after a
    /// challenge, or the request written afresh for the next trunk after a failover. When the event was a final
    /// response, acknowledge that response to the trunk first (RFC 3261 §17.1.1.3).
    /// </summary>
    Send,

    /// <summary>
    /// Relay the trunk's response to the caller, with its CSeq number lowered by
    /// <see cref="TrunkCall.CSeqOffset"/>: a provisional response, the 2xx that established the call, or a final
    /// answer that ends it.
    /// </summary>
    Relay,

    /// <summary>Answer the caller with <see cref="TrunkCall.AnswerStatus"/> and <see cref="TrunkCall.AnswerReason"/>; nothing goes to a trunk.</summary>
    Answer,

    /// <summary>
    /// Send a CANCEL for the request last sent (<see cref="TrunkCall.Request"/>, attempt
    /// <see cref="TrunkCall.Attempt"/>) to <see cref="TrunkCall.Target"/> (RFC 3261 §9.1).
    /// </summary>
    Cancel,

    /// <summary>
    /// A 2xx from an attempt the call has moved on from (its response timeout had been declared): do not relay
    /// it; acknowledge it and end that dialog with a BYE.
    /// </summary>
    CloseStrayDialog,
}
