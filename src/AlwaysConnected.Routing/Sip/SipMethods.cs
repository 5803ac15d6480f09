namespace AlwaysConnected.Routing.Sip;

/// <summary>Maps method tokens to <see cref="SipMethod"/> and back. Method names are case-sensitive (RFC 3261 §7.1).</summary>
internal static class SipMethods
{
    /// <summary>Classifies a method token. Returns <see cref="SipMethod.Extension"/> for any other non-empty token.</summary>
    /// <param name="method">The method token bytes.</param>
    /// <returns>The known method, <see cref="SipMethod.Extension"/>, or <see cref="SipMethod.None"/> when <paramref name="method"/> is empty.</returns>
    public static SipMethod Parse(ReadOnlySpan<byte> method)
    {
        switch (method.Length)
        {
            case 0:
                return SipMethod.None;
            case 3:
                if (method.SequenceEqual("ACK"u8)) return SipMethod.Ack;
                if (method.SequenceEqual("BYE"u8)) return SipMethod.Bye;
                break;
            case 4:
                if (method.SequenceEqual("INFO"u8)) return SipMethod.Info;
                break;
            case 5:
                if (method.SequenceEqual("PRACK"u8)) return SipMethod.Prack;
                if (method.SequenceEqual("REFER"u8)) return SipMethod.Refer;
                break;
            case 6:
                switch (method[0])
                {
                    case (byte)'I' when method.SequenceEqual("INVITE"u8): return SipMethod.Invite;
                    case (byte)'C' when method.SequenceEqual("CANCEL"u8): return SipMethod.Cancel;
                    case (byte)'N' when method.SequenceEqual("NOTIFY"u8): return SipMethod.Notify;
                    case (byte)'U' when method.SequenceEqual("UPDATE"u8): return SipMethod.Update;
                }

                break;
            case 7:
                if (method.SequenceEqual("OPTIONS"u8)) return SipMethod.Options;
                if (method.SequenceEqual("PUBLISH"u8)) return SipMethod.Publish;
                if (method.SequenceEqual("MESSAGE"u8)) return SipMethod.Message;
                break;
            case 8:
                if (method.SequenceEqual("REGISTER"u8)) return SipMethod.Register;
                break;
            case 9:
                if (method.SequenceEqual("SUBSCRIBE"u8)) return SipMethod.Subscribe;
                break;
        }

        return SipMethod.Extension;
    }

    /// <summary>The canonical token of a known method; empty for <see cref="SipMethod.None"/> and <see cref="SipMethod.Extension"/>.</summary>
    /// <param name="method">The method.</param>
    /// <returns>The method token as ASCII bytes.</returns>
    public static ReadOnlySpan<byte> GetName(SipMethod method) => method switch
    {
        SipMethod.Invite => "INVITE"u8,
        SipMethod.Ack => "ACK"u8,
        SipMethod.Bye => "BYE"u8,
        SipMethod.Cancel => "CANCEL"u8,
        SipMethod.Register => "REGISTER"u8,
        SipMethod.Options => "OPTIONS"u8,
        SipMethod.Prack => "PRACK"u8,
        SipMethod.Subscribe => "SUBSCRIBE"u8,
        SipMethod.Notify => "NOTIFY"u8,
        SipMethod.Publish => "PUBLISH"u8,
        SipMethod.Info => "INFO"u8,
        SipMethod.Refer => "REFER"u8,
        SipMethod.Message => "MESSAGE"u8,
        SipMethod.Update => "UPDATE"u8,
        _ => default,
    };
}
