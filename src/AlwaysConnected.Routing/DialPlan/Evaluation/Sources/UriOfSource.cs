using AlwaysConnected.Routing.Requests;
using AlwaysConnected.Routing.DialPlan.Functions;

namespace AlwaysConnected.Routing.DialPlan.Evaluation.Sources;

/// <summary>
/// The built-in <c>$geturi(x)</c>: the URI inside its argument's value, returned as a sub-range of
/// that value (usually a slice of the message) instead of a copy written into the arena by a
/// function call. Rules like <c>$geturi(To) = sip:(.+)@</c> sit on the hot path.
/// </summary>
internal sealed class UriOfSource(ValueSource argument, string text) : ValueSource
{
    private static readonly DialPlanFunctionBody BuiltIn =
        DialPlanFunctionRegistry.BuiltInFunctions().First(f => f.Name == "geturi").Body;

    /// <summary>Whether <paramref name="function"/> is the built-in <c>$geturi</c> (a host may replace it).</summary>
    public static bool IsBuiltIn(DialPlanFunction function) => function.Body == BuiltIn;

    public ValueSource Argument { get; } = argument;

    public override ValueRef Evaluate(ref EvaluationFrame frame)
    {
        var value = Argument.Evaluate(ref frame);
        if (value.IsNull)
        {
            return ValueRef.Null;
        }

        var resolved = frame.Resolve(value);
        if (!RequestReader.TryGetUri(resolved, out var uri))
        {
            return ValueRef.Null;
        }

        // The URI is a sub-span of the resolved value, so its offset there is its place in the value.
        resolved.Overlaps(uri, out var offset);
        return value.Slice(offset, uri.Length);
    }

    public override string ToString() => text;
}
