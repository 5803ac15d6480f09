using AlwaysConnected.Routing.DialPlan.Functions;

namespace AlwaysConnected.Routing.DialPlan.Evaluation.Sources;

/// <summary>A call of a <c>$function</c> with compiled arguments.</summary>
internal sealed class FunctionSource(DialPlanFunction function, ValueSource[] arguments, string text) : ValueSource
{
    public DialPlanFunction Function { get; } = function;

    public IReadOnlyList<ValueSource> Arguments => arguments;

    public override ValueRef Evaluate(ref EvaluationFrame frame)
    {
        // Most calls take none or one argument: those skip zeroing the eight-slot buffer.
        if (arguments.Length == 0)
        {
            return Call(ref frame, []);
        }

        if (arguments.Length == 1)
        {
            var single = arguments[0].Evaluate(ref frame);
            return Call(ref frame, new ReadOnlySpan<ValueRef>(in single));
        }

        var buffer = new ValueRefBuffer();
        Span<ValueRef> values = buffer;
        for (var i = 0; i < arguments.Length; i++)
        {
            values[i] = arguments[i].Evaluate(ref frame);
        }

        return Call(ref frame, values[..arguments.Length]);
    }

    private ValueRef Call(ref EvaluationFrame frame, scoped ReadOnlySpan<ValueRef> values)
    {
        var context = new DialPlanFunctionContext(frame.Message, frame.Context, frame.Services, frame.Decision, values);
        var start = frame.Arena.Length;
        bool hasValue;
        try
        {
            hasValue = Function.Body(in context, frame.Arena);
        }
#pragma warning disable CA1031 // A host function's failure must not take the router down: it counts as "no value".
        catch (Exception)
#pragma warning restore CA1031
        {
            hasValue = false;
        }

        if (!hasValue)
        {
            frame.Arena.Truncate(start);
            return ValueRef.Null;
        }

        return ValueRef.FromArena(start, frame.Arena.Length - start);
    }

    public override string ToString() => text;
}
