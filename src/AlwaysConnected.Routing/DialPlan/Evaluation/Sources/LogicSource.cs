using System.Text;
namespace AlwaysConnected.Routing.DialPlan.Evaluation.Sources;

/// <summary>
/// <c>$or(...)</c> / <c>$and(...)</c>: each argument is a quoted matching pattern or a value that is
/// true when it reads <c>true</c>. Evaluation stops at the first argument that decides the result.
/// </summary>
internal sealed class LogicSource(ValueSource[] arguments, bool isAnd, string text) : ValueSource
{
    public override ValueRef Evaluate(ref EvaluationFrame frame)
    {
        foreach (var argument in arguments)
        {
            var holds = argument is PatternTestSource test
                ? test.Test(ref frame)
                : IsTrue(frame.Resolve(argument.Evaluate(ref frame)));
            if (holds != isAnd)
            {
                return frame.StoreBoolean(holds);
            }
        }

        return frame.StoreBoolean(isAnd);
    }

    private static bool IsTrue(ReadOnlySpan<byte> value) => Ascii.EqualsIgnoreCase(value, "true"u8);

    public override string ToString() => text;
}
