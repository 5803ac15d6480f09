using System.Net;
using System.Runtime.CompilerServices;
using AlwaysConnected.Routing.Requests;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.Ars.Evaluation;

/// <summary>
/// The request-side values one evaluation reads. The To and From headers are parsed (name-addr and URI)
/// at most once per evaluation, on first use, and shared by the index, the patterns, the references and the
/// deploy: a direction whose blocks never look at From (ARS OUT of the seed) never parses it.
/// </summary>
internal ref struct ArsFrame
{
    public SipMessage Message;
    public ArsSelection Selection;
    public CallProperties? Properties;
    public IPEndPoint? Source;

    /// <summary>Whether an <see cref="Plugins.AsyncArsPlugin"/> slot may suspend the evaluation (the async front door) instead of blocking.</summary>
    public bool AllowPending;

    private ReadOnlySpan<byte> _toValue;
    private ReadOnlySpan<byte> _toUri;
    private ReadOnlySpan<byte> _fromValue;
    private ReadOnlySpan<byte> _fromUri;
    private Parsed _to;
    private Parsed _from;

    public ArsFrame(SipMessage message, in RoutingContext context, ArsSelection selection, bool allowPending = false)
    {
        Message = message;
        Selection = selection;
        Properties = context.Properties;
        Source = context.Source;
        AllowPending = allowPending;
    }

    private enum Parsed : byte
    {
        NotYet,
        Present,
        Absent,
    }

    /// <summary>The To header's value (first occurrence).</summary>
    public ReadOnlySpan<byte> ToValue
    {
        get
        {
            ReadTo();
            return _toValue;
        }
    }

    /// <summary>The To header's addr-spec URI.</summary>
    public ReadOnlySpan<byte> ToUri
    {
        get
        {
            ReadTo();
            return _toUri;
        }
    }

    /// <summary>Whether the request has a To header whose name-addr parses.</summary>
    public bool HasTo
    {
        get
        {
            ReadTo();
            return _to == Parsed.Present;
        }
    }

    /// <summary>The From header's value (first occurrence).</summary>
    public ReadOnlySpan<byte> FromValue
    {
        get
        {
            ReadFrom();
            return _fromValue;
        }
    }

    /// <summary>The From header's addr-spec URI.</summary>
    public ReadOnlySpan<byte> FromUri
    {
        get
        {
            ReadFrom();
            return _fromUri;
        }
    }

    /// <summary>Whether the request has a From header whose name-addr parses.</summary>
    public bool HasFrom
    {
        get
        {
            ReadFrom();
            return _from == Parsed.Present;
        }
    }

    // The check is inlined into every accessor; only the first read of a header pays for the call.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ReadTo()
    {
        if (_to == Parsed.NotYet)
        {
            ParseTo();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ReadFrom()
    {
        if (_from == Parsed.NotYet)
        {
            ParseFrom();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ParseTo() => _to = RequestReader.TryGetAddressHeader(Message, SipHeaderId.To, out _toValue, out _toUri) ? Parsed.Present : Parsed.Absent;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ParseFrom() => _from = RequestReader.TryGetAddressHeader(Message, SipHeaderId.From, out _fromValue, out _fromUri) ? Parsed.Present : Parsed.Absent;
}
