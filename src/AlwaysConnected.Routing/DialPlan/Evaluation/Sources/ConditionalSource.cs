using System.Text;
namespace AlwaysConnected.Routing.DialPlan.Evaluation.Sources;

/// <summary><c>$if(flag, value1, value2)</c>: only the chosen branch is evaluated.</summary>
internal sealed class ConditionalSource(ValueSource condition, ValueSource whenTrue, ValueSource whenFalse, string text) : ValueSource
{
    public override ValueRef Evaluate(ref EvaluationFrame frame)
    {
        var flag = condition is PatternTestSource test
            ? test.Test(ref frame)
            : Ascii.EqualsIgnoreCase(frame.Resolve(condition.Evaluate(ref frame)), "true"u8);
        return (flag ? whenTrue : whenFalse).Evaluate(ref frame);
    }

    public override string ToString() => text;
}
