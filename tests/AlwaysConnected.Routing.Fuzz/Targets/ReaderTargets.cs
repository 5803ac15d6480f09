using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Fuzz.Targets;

/// <summary>The typed header readers (URI, name-addr, Via, CSeq, parameters) on raw bytes.</summary>
internal static class ReaderTargets
{
    /// <summary>The first byte picks the reader; the rest is the value.</summary>
    public static void Readers(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        var value = input[1..];
        switch (input[0] % 5)
        {
            case 0: ReadUri(value); break;
            case 1: ReadNameAddress(value); break;
            case 2: ReadVia(value); break;
            case 3: ReadCSeq(value); break;
            default: ReadParameters(new SipParameters(value)); break;
        }
    }

    public static void ReadValue(SipHeaderId id, ReadOnlySpan<byte> value)
    {
        switch (id)
        {
            case SipHeaderId.Via: ReadVia(value); break;
            case SipHeaderId.CSeq: ReadCSeq(value); break;
            case SipHeaderId.From or SipHeaderId.To or SipHeaderId.Contact or SipHeaderId.Route or SipHeaderId.RecordRoute:
                ReadNameAddress(value);
                break;
            default: ReadParameters(new SipParameters(value)); break;
        }
    }

    public static void ReadUri(ReadOnlySpan<byte> text)
    {
        if (!SipUri.TryParse(text, out var uri))
        {
            return;
        }

        Within(uri.User, text, "URI user");
        Within(uri.Host, text, "URI host");
        Within(uri.Password, text, "URI password");
        Within(uri.ParametersText, text, "URI parameters");
        Within(uri.Headers, text, "URI headers");
        FuzzInvariantException.Check(uri.Port is >= -1 and <= 65535, $"URI port {uri.Port} is a port");
        Span<byte> buffer = stackalloc byte[256];
        if (uri.User.Length <= buffer.Length && SipUri.TryUnescape(uri.User, buffer, out int written))
        {
            FuzzInvariantException.Check(written <= uri.User.Length, "unescaping never grows");
        }

        ReadParameters(uri.Parameters);
    }

    public static void ReadNameAddress(ReadOnlySpan<byte> value)
    {
        if (!NameAddress.TryParse(value, out var address))
        {
            return;
        }

        Within(address.DisplayName, value, "display name");
        Within(address.AddrSpec, value, "addr-spec");
        Within(address.ParametersText, value, "name-addr parameters");
        var buffer = new byte[address.DisplayName.Length];
        FuzzInvariantException.Check(address.TryUnescapeDisplayName(buffer, out int written) && written <= buffer.Length, "a display-name-sized buffer always suffices");
        if (address.TryGetUri(out _))
        {
            ReadUri(address.AddrSpec);
        }

        ReadParameters(address.Parameters);
    }

    public static void ReadVia(ReadOnlySpan<byte> value)
    {
        if (!ViaHeader.TryParse(value, out var via))
        {
            return;
        }

        Within(via.Host, value, "Via host");
        _ = via.Branch.Length + via.Received.Length + via.RPort.Length + (via.HasRPort ? 1 : 0);
        ReadParameters(via.Parameters);
    }

    public static void ReadCSeq(ReadOnlySpan<byte> value)
    {
        if (CSeqHeader.TryParse(value, out var cseq))
        {
            Within(cseq.MethodBytes, value, "CSeq method");
        }
    }

    public static void ReadParameters(SipParameters parameters)
    {
        _ = parameters.IsWellFormed();
        int count = 0;
        foreach (var parameter in parameters)
        {
            Within(parameter.Name, parameters.Text, "parameter name");
            Within(parameter.Value, parameters.Text, "parameter value");
            FuzzInvariantException.Check(++count <= parameters.Text.Length + 1, "parameter enumeration ends");
            _ = parameters.TryGetValue(parameter.Name, out _);
        }
    }

    private static void Within(ReadOnlySpan<byte> part, ReadOnlySpan<byte> whole, string what)
    {
        if (part.IsEmpty)
        {
            return;
        }

        // Readers hand out views of their input, never copies: a part outside the input would be a memory bug.
        bool inside = whole.Overlaps(part, out int offset) && offset >= 0 && offset + part.Length <= whole.Length;
        FuzzInvariantException.Check(inside, $"the {what} is a view inside the value");
    }
}
