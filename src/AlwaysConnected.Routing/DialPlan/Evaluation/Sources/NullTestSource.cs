namespace AlwaysConnected.Routing.DialPlan.Evaluation.Sources;

/// <summary><c>$isNull(name)</c> and <c>$exist(name)</c>: whether a header, variable or function has a value.</summary>
internal sealed class NullTestSource(ValueSource subject, bool testsExistence, string text) : ValueSource
{
    public override ValueRef Evaluate(ref EvaluationFrame frame)
    {
        var isNull = subject.Evaluate(ref frame).IsNull;
        return frame.StoreBoolean(testsExistence ? !isNull : isNull);
    }

    public override string ToString() => text;
}
