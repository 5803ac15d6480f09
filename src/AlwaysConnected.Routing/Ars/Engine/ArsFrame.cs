using System.Net;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Ars.Engine;

/// <summary>The request-side values one evaluation reads: the To and From headers and their URIs.</summary>
internal ref struct ArsFrame
{
    public SipMessage Message;
    public ReadOnlySpan<byte> ToValue;
    public ReadOnlySpan<byte> ToUri;
    public bool HasTo;
    public ReadOnlySpan<byte> FromValue;
    public ReadOnlySpan<byte> FromUri;
    public bool HasFrom;
    public ArsSelection Selection;
    public CallProperties? Properties;
    public IPEndPoint? Source;

    public ArsFrame(SipMessage message, in RoutingContext context, ArsSelection selection)
    {
        Message = message;
        Selection = selection;
        Properties = context.Properties;
        Source = context.Source;
        HasTo = TryRead(message, SipHeaderId.To, out ToValue, out ToUri);
        HasFrom = TryRead(message, SipHeaderId.From, out FromValue, out FromUri);
    }

    private static bool TryRead(SipMessage message, SipHeaderId id, out ReadOnlySpan<byte> value, out ReadOnlySpan<byte> uri)
    {
        uri = default;
        value = default;
        if (!message.TryGetHeader(id, out var header))
        {
            return false;
        }

        value = message.GetValue(header);
        if (!NameAddress.TryParse(value, out var address))
        {
            return false;
        }

        uri = address.AddrSpec;
        return true;
    }
}
