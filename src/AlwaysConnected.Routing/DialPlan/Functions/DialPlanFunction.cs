using System.Buffers;

namespace AlwaysConnected.Routing.DialPlan.Functions;

/// <summary>
/// A <c>$function</c> the dial plan can call, built in or registered by the host (hosts add theirs by their
/// parts: <c>SipRouterBuilder.AddFunction(name, minArguments, maxArguments, body)</c>, or the same on the DI builder).
/// </summary>
internal sealed class DialPlanFunction
{
    /// <summary>Creates a function.</summary>
    /// <param name="name">The name without <c>$</c>, e.g. <c>geturi</c> or <c>route.underlimit</c>; matched case-insensitively.</param>
    /// <param name="minArguments">The fewest arguments it takes.</param>
    /// <param name="maxArguments">The most arguments it takes (at most 8).</param>
    /// <param name="body">What it computes.</param>
    /// <exception cref="ArgumentException">The name is empty or holds characters other than letters, digits, <c>.</c> and <c>_</c>, or the argument counts are out of range.</exception>
    public DialPlanFunction(string name, int minArguments, int maxArguments, DialPlanFunctionBody body)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(body);
        if (name.StartsWith('$'))
        {
            name = name[1..];
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '.' and not '_')
            {
                throw new ArgumentException($"A function name holds letters, digits, '.' and '_' only; '{name}' has '{c}'.", nameof(name));
            }
        }

        ArgumentOutOfRangeException.ThrowIfNegative(minArguments);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxArguments, minArguments);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxArguments, Evaluation.ValueRefBuffer.MaxArguments);
        Name = name;
        MinArguments = minArguments;
        MaxArguments = maxArguments;
        Body = body;
    }

    /// <summary>A host's function: its body is wrapped once here, so each call costs one delegate call more, never an allocation.</summary>
    public static DialPlanFunction FromHost(string name, int minArguments, int maxArguments, Func<DialPlanFunctionContext, IBufferWriter<byte>, bool> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new DialPlanFunction(name, minArguments, maxArguments, (in DialPlanFunctionContext context, IBufferWriter<byte> result) => body(context, result));
    }

    /// <summary>The name without <c>$</c>.</summary>
    public string Name { get; }

    /// <summary>The fewest arguments it takes.</summary>
    public int MinArguments { get; }

    /// <summary>The most arguments it takes.</summary>
    public int MaxArguments { get; }

    /// <summary>What it computes.</summary>
    public DialPlanFunctionBody Body { get; }

    /// <inheritdoc />
    public override string ToString() => "$" + Name;
}
