namespace AlwaysConnected.Routing.DialPlan.Evaluation.Sources;

/// <summary>An environment variable (<c>&amp;name</c>) set by an earlier rule of the same evaluation.</summary>
internal sealed class EnvironmentSource(string name) : ValueSource
{
    /// <summary>The name with its <c>&amp;</c>.</summary>
    public string Name { get; } = name;

    public override ValueRef Evaluate(ref EvaluationFrame frame) =>
        frame.Decision.TryGetEnvironment(Name, out var value) ? frame.Store(value) : ValueRef.Null;

    public override string ToString() => Name;
}
