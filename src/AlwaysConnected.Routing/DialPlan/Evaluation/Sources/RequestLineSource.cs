namespace AlwaysConnected.Routing.DialPlan.Evaluation.Sources;

/// <summary>
/// <c>$request</c> as a slice of the request itself: the built-in function would copy the request
/// line into the arena on every evaluation, and nearly every rule reads it.
/// </summary>
internal sealed class RequestLineSource(string text) : ValueSource
{
    public override ValueRef Evaluate(ref EvaluationFrame frame) =>
        frame.Message.IsRequest ? ValueRef.FromMessage(0, frame.Message.StartLine.Length) : ValueRef.Null;

    public override string ToString() => text;
}
