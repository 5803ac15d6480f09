using System.Text;

namespace AlwaysConnected.Routing.Tests.DialPlan.Index;

/// <summary>Everything a decision says, as one comparable string.</summary>
internal static class DecisionSnapshot
{
    public static string Of(RoutingDecision decision)
    {
        var text = new StringBuilder();
        text.Append($"outcome={decision.Outcome} status={decision.StatusCode} error={decision.ErrorCode}");
        text.Append($" rules=[{string.Join(",", decision.AppliedRules)}]");
        text.Append($" target={decision.GetTargetString()} ruri={decision.GetRequestUriString()}");
        for (var i = 0; i < decision.HeaderEditCount; i++)
        {
            var edit = decision.GetHeaderEdit(i);
            text.Append($" edit:{Encoding.UTF8.GetString(edit.Name)}/{edit.Kind}={Encoding.UTF8.GetString(edit.Value)}");
        }

        for (var i = 0; i < decision.VariableCount; i++)
        {
            text.Append($" var:{decision.GetVariableName(i)}={Encoding.UTF8.GetString(decision.GetVariableValue(i))}");
        }

        for (var i = 0; i < decision.EnvironmentCount; i++)
        {
            text.Append($" env:{decision.GetEnvironmentName(i)}={Encoding.UTF8.GetString(decision.GetEnvironmentValue(i))}");
        }

        for (var g = 1; g <= decision.CaptureCount; g++)
        {
            text.Append($" %{g}={Encoding.UTF8.GetString(decision.GetCapture(g))}");
        }

        return text.ToString();
    }
}
