using AlwaysConnected.Routing.Requests;
using AlwaysConnected.Routing.DialPlan.Functions;
using AlwaysConnected.Routing.DialPlan.Functions.BuiltIns;

namespace AlwaysConnected.Routing.DialPlan.Evaluation.Sources;

/// <summary>
/// A built-in function without arguments whose value depends only on the request and where it came
/// from (<c>$localhost</c>, <c>$port</c>, <c>$addr</c>, <c>$addrPort</c>, <c>$transport</c>, <c>$sid</c>):
/// computed once per evaluation and reused by every later rule that asks, instead of once per rule.
/// </summary>
internal sealed class RequestFunctionSource(FunctionSource call, int slot) : ValueSource
{
    /// <summary>How many such functions there are: the size of the per-evaluation cache.</summary>
    public const int SlotCount = 6;

    private const int LocalHostSlot = 0;
    private const int PortSlot = 1;

    private static readonly string[] Names = ["localhost", "port", "addr", "addrPort", "transport", "sid"];

    private static readonly DialPlanFunctionBody[] BuiltIns =
        [.. Names.Select(n => DialPlanFunctionRegistry.BuiltInFunctions().First(f => f.Name == n).Body)];

    /// <summary>The cache slot of <paramref name="function"/> called without arguments, or -1 when it is not one of these built-ins (a host may replace them).</summary>
    public static int SlotOf(DialPlanFunction function) => Array.IndexOf(BuiltIns, function.Body);

    public override ValueRef Evaluate(ref EvaluationFrame frame)
    {
        var scratch = frame.Scratch;
        if (scratch.TryGetRequestValue(slot, out var cached))
        {
            return cached;
        }

        // The two every seed rule asks are computed in place rather than through a function call;
        // the value is the same text the built-in writes. An arena value stays valid: the arena
        // only grows during an evaluation.
        var value = slot switch
        {
            LocalHostSlot => frame.StoreBoolean(AddressText.IsLocal(frame.Context.Source.Address, frame.Services.LocalAddresses)),
            PortSlot => StorePort(ref frame),
            _ => call.Evaluate(ref frame),
        };
        scratch.SetRequestValue(slot, value);
        return value;
    }

    private static ValueRef StorePort(ref EvaluationFrame frame)
    {
        var start = frame.Arena.Length;
        ValueWriter.Integer(frame.Arena, frame.Context.Source.Port);
        return ValueRef.FromArena(start, frame.Arena.Length - start);
    }

    public override string ToString() => call.ToString();
}
