using System.Globalization;
using System.Text;
using AlwaysConnected.Routing.Ars.Authentication;

namespace AlwaysConnected.Routing.Ars.Registration;

/// <summary>Writes a REGISTER request (RFC 3261 §10.2) for a registration target.</summary>
internal static class RegisterRequestWriter
{
    /// <summary>The Via transport token for a transport.</summary>
    public static string ViaTransport(SipTransport transport) => transport switch
    {
        SipTransport.Tcp => "TCP",
        SipTransport.Tls => "TLS",
        SipTransport.WS => "WS",
        SipTransport.Wss => "WSS",
        _ => "UDP",
    };

    /// <summary>The Contact URI the host registers: the account at the host's own address.</summary>
    public static string ContactUri(RegistrationTarget target, TrunkRegistrarOptions options)
    {
        var uri = $"{(target.Secure ? "sips:" : "sip:")}{target.Account}@{options.ContactAddress}";
        return options.Transport switch
        {
            SipTransport.Tcp => uri + ";transport=tcp",
            SipTransport.WS or SipTransport.Wss => uri + ";transport=ws",
            _ => uri,
        };
    }

    public static byte[] Write(
        RegistrationTarget target,
        TrunkRegistrarOptions options,
        string contactUri,
        string callId,
        string fromTag,
        string branch,
        uint cseq,
        int expires,
        ArsAuthorization? authorization)
    {
        var text = new StringBuilder(512);
        var invariant = CultureInfo.InvariantCulture;
        text.Append("REGISTER ").Append(target.RequestUri).Append(" SIP/2.0\r\n");
        text.Append("Via: SIP/2.0/").Append(ViaTransport(options.Transport)).Append(' ').Append(options.ContactAddress)
            .Append(";branch=").Append(branch).Append(";rport\r\n");
        text.Append("Max-Forwards: 70\r\n");
        text.Append("From: <").Append(target.AddressOfRecord).Append(">;tag=").Append(fromTag).Append("\r\n");
        text.Append("To: <").Append(target.AddressOfRecord).Append(">\r\n");
        text.Append("Call-ID: ").Append(callId).Append("\r\n");
        text.Append("CSeq: ").Append(cseq.ToString(invariant)).Append(" REGISTER\r\n");
        text.Append("Contact: <").Append(contactUri).Append(">\r\n");
        text.Append("Expires: ").Append(expires.ToString(invariant)).Append("\r\n");
        if (authorization is not null)
        {
            text.Append(authorization.HeaderName).Append(": ").Append(authorization.Value).Append("\r\n");
        }

        if (options.UserAgent is { } agent)
        {
            text.Append("User-Agent: ").Append(agent).Append("\r\n");
        }

        text.Append("Content-Length: 0\r\n\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
