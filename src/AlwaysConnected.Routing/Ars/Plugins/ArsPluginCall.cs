using System.Net;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Ars.Plugins;

/// <summary>
/// What a plug-in sees of the call while one slot is evaluated: the request, the slot's parameter (references
/// already expanded) and the per-call properties. A view valid only for the duration of the call.
/// </summary>
public readonly ref struct ArsPluginCall
{
    internal ArsPluginCall(SipMessage message, ReadOnlySpan<byte> param, CallProperties? properties, IPEndPoint? source, string routeName, ArsDirection direction, int blockNumber, int slot)
    {
        Message = message;
        Param = param;
        Properties = properties;
        Source = source;
        RouteName = routeName;
        Direction = direction;
        BlockNumber = blockNumber;
        Slot = slot;
    }

    /// <summary>The request being routed.</summary>
    public SipMessage Message { get; }

    /// <summary>The slot's <c>Param</c> after reference expansion, UTF-8; empty when the slot has none.</summary>
    public ReadOnlySpan<byte> Param { get; }

    /// <summary>The per-call properties, or null when the host keeps none.</summary>
    public CallProperties? Properties { get; }

    /// <summary>Where the request came from, or null when unknown.</summary>
    public IPEndPoint? Source { get; }

    /// <summary>The route whose block is evaluated.</summary>
    public string RouteName { get; }

    /// <summary>The block's direction.</summary>
    public ArsDirection Direction { get; }

    /// <summary>The block's number.</summary>
    public int BlockNumber { get; }

    /// <summary>The slot number (<c>Plugin N</c>).</summary>
    public int Slot { get; }
}
