using AlwaysConnected.Routing.DialPlan.Functions.BuiltIns;

namespace AlwaysConnected.Routing.DialPlan.Evaluation.Sources;

/// <summary>
/// <c>$localhost</c> without an argument (is the source address this host's?) answered with a shared
/// literal, where the built-in function writes <c>true</c>/<c>false</c> into the arena each time.
/// </summary>
internal sealed class SourceIsLocalSource(string text) : ValueSource
{
    public override ValueRef Evaluate(ref EvaluationFrame frame) =>
        frame.StoreBoolean(AddressText.IsLocal(frame.Context.Source.Address, frame.Services.LocalAddresses));

    public override string ToString() => text;
}
