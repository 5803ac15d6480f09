namespace AlwaysConnected.Routing.DialPlan.Evaluation.Sources;

/// <summary>
/// A compiled left-hand side or argument: something that yields a value (or null) for a request.
/// </summary>
internal abstract class ValueSource
{
    /// <summary>Evaluates the source; returns <see cref="ValueRef.Null"/> for "no value".</summary>
    public abstract ValueRef Evaluate(ref EvaluationFrame frame);

    /// <summary>The source as the rule wrote it, for explain output and errors.</summary>
    public abstract override string ToString();
}
