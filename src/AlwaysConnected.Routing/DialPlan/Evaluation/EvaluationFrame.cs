using AlwaysConnected.Routing;
using AlwaysConnected.Routing.Services;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.DialPlan.Evaluation;

/// <summary>
/// Everything one evaluation reads and writes, passed by reference through the compiled rule tree.
/// </summary>
internal ref struct EvaluationFrame
{
    public EvaluationFrame(SipMessage message, in RoutingContext context, RoutingServices services, RoutingDecision decision, EvaluationScratch scratch, Span<ValueRef> captures, DialPlanTraceRecorder? trace)
    {
        Scratch = scratch;
        Message = message;
        Context = context;
        Services = services;
        Decision = decision;
        Captures = captures;
        Trace = trace;
    }

    public SipMessage Message { get; }

    public RoutingContext Context { get; }

    public RoutingServices Services { get; }

    public RoutingDecision Decision { get; }

    /// <summary>The dial plan's working tables, kept by the decision from request to request.</summary>
    public EvaluationScratch Scratch { get; }

    /// <summary>The capture groups of the rule being evaluated, numbered cumulatively across its lines.</summary>
    public Span<ValueRef> Captures { get; }

    /// <summary>How many entries of <see cref="Captures"/> the lines evaluated so far have filled.</summary>
    public int CaptureCount { get; set; }

    /// <summary>The explain recorder; null on the hot path.</summary>
    public DialPlanTraceRecorder? Trace { get; }

    public readonly ByteArena Arena => Decision.Arena;

    public readonly ReadOnlySpan<byte> Resolve(ValueRef value) => value.Resolve(Message.Span, Decision.Arena);

    /// <summary>
    /// Turns a span into a storable reference: a slice of the request when it points into the request,
    /// otherwise a copy in the arena.
    /// </summary>
    public readonly ValueRef Store(ReadOnlySpan<byte> value)
    {
        if (value.Overlaps(Message.Span, out var offset) && offset >= 0 && offset + value.Length <= Message.Span.Length)
        {
            return ValueRef.FromMessage(offset, value.Length);
        }

        var start = Arena.Append(value);
        return ValueRef.FromArena(start, value.Length);
    }

    public readonly ValueRef StoreBoolean(bool value) => StoreLiteral(value ? Literals.True : Literals.False);

    /// <summary>Copies constant bytes into the arena (a <see cref="ValueRef"/> holds no reference to them).</summary>
    public readonly ValueRef StoreLiteral(byte[] literal) => ValueRef.FromArena(Arena.Append(literal), literal.Length);
}
