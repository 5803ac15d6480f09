using AlwaysConnected.Routing.Patterns;

namespace AlwaysConnected.Routing.DialPlan.Evaluation.Sources;

/// <summary>
/// A matching pattern used as a value, as in <c>$or("$transport=TCP", "$addrtype=6")</c>: yields
/// <c>true</c> or <c>false</c> by the same null and negation rules as a matching line.
/// </summary>
internal sealed class PatternTestSource(ValueSource subject, CompiledPattern pattern, string text) : ValueSource
{
    public override ValueRef Evaluate(ref EvaluationFrame frame) => frame.StoreBoolean(Test(ref frame));

    public bool Test(ref EvaluationFrame frame)
    {
        var value = subject.Evaluate(ref frame);
        return value.IsNull ? pattern.IsNegated : pattern.IsMatch(frame.Resolve(value));
    }

    public override string ToString() => text;
}
