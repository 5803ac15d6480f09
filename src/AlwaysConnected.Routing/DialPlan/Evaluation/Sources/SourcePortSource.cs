using AlwaysConnected.Routing.DialPlan.Functions.BuiltIns;

namespace AlwaysConnected.Routing.DialPlan.Evaluation.Sources;

/// <summary><c>$port</c> (the source port) formatted straight into the arena, without a function call.</summary>
internal sealed class SourcePortSource(string text) : ValueSource
{
    public override ValueRef Evaluate(ref EvaluationFrame frame)
    {
        var start = frame.Arena.Length;
        ResultWriter.Integer(frame.Arena, frame.Context.Source.Port);
        return ValueRef.FromArena(start, frame.Arena.Length - start);
    }

    public override string ToString() => text;
}
