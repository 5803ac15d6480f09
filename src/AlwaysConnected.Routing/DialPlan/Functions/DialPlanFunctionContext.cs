using System.Text;
using AlwaysConnected.Routing.DialPlan.Evaluation;
using AlwaysConnected.Routing;
using AlwaysConnected.Routing.Services;
using AlwaysConnected.Routing.Sip;

namespace AlwaysConnected.Routing.DialPlan.Functions;

/// <summary>What a dial plan function sees: the request, where it came from, the host services and its arguments.</summary>
public readonly ref struct DialPlanFunctionContext
{
    private readonly ReadOnlySpan<ValueRef> _arguments;
    private readonly ByteArena _arena;

    internal DialPlanFunctionContext(SipMessage message, in RoutingContext routing, RoutingServices services, RoutingDecision decision, ReadOnlySpan<ValueRef> arguments)
    {
        Message = message;
        Routing = routing;
        Services = services;
        Decision = decision;
        _arena = decision.Arena;
        _arguments = arguments;
    }

    /// <summary>The request being routed.</summary>
    public SipMessage Message { get; }

    /// <summary>Where the request came from and how.</summary>
    public RoutingContext Routing { get; }

    /// <summary>The host services (registrar, session counters, clock, ...).</summary>
    public RoutingServices Services { get; }

    /// <summary>The decision being built (header edits and variables of earlier rules are visible).</summary>
    internal RoutingDecision Decision { get; }

    /// <summary>The number of arguments passed.</summary>
    public int ArgumentCount => _arguments.Length;

    /// <summary>Reads an argument's value.</summary>
    /// <returns><see langword="false"/> when the argument is null (an absent header, a null function result) or not passed.</returns>
    public bool TryGetArgument(int index, out ReadOnlySpan<byte> value)
    {
        if ((uint)index >= (uint)_arguments.Length || _arguments[index].IsNull)
        {
            value = default;
            return false;
        }

        value = _arguments[index].Resolve(Message.Span, _arena);
        return true;
    }

    /// <summary>Reads an argument as a string (allocates; for host functions that need one).</summary>
    public string? GetArgumentString(int index) => TryGetArgument(index, out var value) ? Encoding.UTF8.GetString(value) : null;
}
