using AlwaysConnected.Routing.DialPlan.Functions;

namespace AlwaysConnected.Routing.DialPlan.Evaluation.Sources;

/// <summary>
/// The built-in <c>$request</c>: the request line, read in place from the message instead of copied
/// into the arena by a function call (most rules start with <c>$request = ^METHOD</c>).
/// </summary>
internal sealed class RequestLineSource(string text) : ValueSource
{
    private static readonly DialPlanFunctionBody BuiltIn =
        DialPlanFunctionRegistry.BuiltInFunctions().First(f => f.Name == "request").Body;

    /// <summary>Whether <paramref name="function"/> is the built-in <c>$request</c> (a host may replace it).</summary>
    public static bool IsBuiltIn(DialPlanFunction function) => function.Body == BuiltIn;

    public override ValueRef Evaluate(ref EvaluationFrame frame) =>
        frame.Message.IsRequest ? ValueRef.FromMessage(0, frame.Message.StartLine.Length) : ValueRef.Null;

    public override string ToString() => text;
}
