using System.Text;

namespace AlwaysConnected.Routing.DialPlan.Evaluation.Sources;

/// <summary>A constant value written in the rule (a quoted argument without substitutions).</summary>
internal sealed class LiteralSource(string text) : ValueSource
{
    private readonly byte[] _bytes = Encoding.UTF8.GetBytes(text);

    public string Text { get; } = text;

    public override ValueRef Evaluate(ref EvaluationFrame frame) => frame.StoreLiteral(_bytes);

    public override string ToString() => $"\"{Text}\"";
}
