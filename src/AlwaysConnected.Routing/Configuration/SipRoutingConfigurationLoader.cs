using AlwaysConnected.Routing.DialPlan;
using AlwaysConnected.Routing.Patterns;

namespace AlwaysConnected.Routing.Configuration;

/// <summary>Maps and compiles configuration in one step, as a reload does.</summary>
internal static class SipRoutingConfigurationLoader
{
    public static SipRouterOptions CreateRouterOptions(SipRoutingOptions options, SipRouterOptions? template = null) => new()
    {
        DialPlan = new DialPlanOptions
        {
            EvaluateInDialogRequests = options.DialPlan.EvaluateInDialogRequests,
            Patterns = (template?.DialPlan.Patterns ?? PatternOptions.Default) with
            {
                BacktrackingTimeout = TimeSpan.FromMilliseconds(Math.Max(1, options.DialPlan.PatternTimeoutMilliseconds)),
            },
            Functions = template?.DialPlan.Functions ?? new(),
            UnregisteredUserStatus = template?.DialPlan.UnregisteredUserStatus ?? 404,
            UserVariables = new HashSet<string>(options.DialPlan.UserVariables.Select(v => v.TrimStart('$')), StringComparer.OrdinalIgnoreCase),
        },
        Ars = template?.Ars ?? new(),
        ValidateRequests = options.ValidateRequests,
    };

    /// <summary>Maps the configuration and compiles it (without publishing anything).</summary>
    public static bool TryLoad(SipRoutingOptions options, SipRouterOptions? template, out RoutingModel? model, out IReadOnlyList<RoutingDiagnostic> diagnostics)
    {
        if (!SipRoutingOptionsMapper.TryMap(options, out model, out diagnostics))
        {
            return false;
        }

        if (!RoutingCompiler.TryCompile(model!, CreateRouterOptions(options, template), version: 0, out _, out var compileDiagnostics))
        {
            diagnostics = [.. diagnostics, .. compileDiagnostics];
            model = null;
            return false;
        }

        diagnostics = [.. diagnostics, .. compileDiagnostics];
        return true;
    }
}
