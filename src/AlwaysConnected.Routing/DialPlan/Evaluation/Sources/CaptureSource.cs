namespace AlwaysConnected.Routing.DialPlan.Evaluation.Sources;

/// <summary>Capture group <c>%n</c> of the rule being evaluated; a group that did not take part is empty.</summary>
internal sealed class CaptureSource(int number) : ValueSource
{
    public int Number { get; } = number;

    public override ValueRef Evaluate(ref EvaluationFrame frame) =>
        Number <= frame.CaptureCount && !frame.Captures[Number - 1].IsNull
            ? frame.Captures[Number - 1]
            : frame.StoreLiteral(Literals.Empty);

    public override string ToString() => Number < 10 ? $"%{Number}" : $"%{{{Number}}}";
}
