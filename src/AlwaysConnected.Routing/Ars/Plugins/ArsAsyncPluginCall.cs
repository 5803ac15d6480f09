using System.Net;

namespace AlwaysConnected.Routing.Ars.Plugins;

/// <summary>
/// What an <see cref="AsyncArsPlugin"/> sees of the call: copies, because a lookup may outlive the routing
/// call that started it.
/// </summary>
/// <param name="Param">The slot's <c>Param</c> after reference expansion; empty when the slot has none.</param>
/// <param name="Request">A copy of the request bytes (parse it with the library's parser when needed).</param>
/// <param name="Source">Where the request came from, or null.</param>
/// <param name="RouteName">The route whose block is evaluated.</param>
/// <param name="Direction">The block's direction.</param>
/// <param name="BlockNumber">The block's number.</param>
/// <param name="Slot">The slot number.</param>
public sealed record ArsAsyncPluginCall(
    string Param,
    ReadOnlyMemory<byte> Request,
    IPEndPoint? Source,
    string RouteName,
    ArsDirection Direction,
    int BlockNumber,
    int Slot);
