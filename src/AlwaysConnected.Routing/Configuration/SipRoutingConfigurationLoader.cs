namespace AlwaysConnected.Routing.Configuration;

/// <summary>Maps and compiles configuration in one step, as a reload does.</summary>
internal static class SipRoutingConfigurationLoader
{
    /// <summary>
    /// The router options a configuration gives: its settings over the host's (the template: functions, plug-ins,
    /// clock, block states and host resolver, which carry over each reload).
    /// </summary>
    public static SipRouterOptions CreateRouterOptions(SipRoutingOptions options, SipRouterOptions? template = null)
    {
        template ??= new SipRouterOptions();
        return new()
        {
            ValidateRequests = options.ValidateRequests,
            EvaluateInDialogRequests = options.DialPlan.EvaluateInDialogRequests,
            UserVariables = new HashSet<string>(options.DialPlan.UserVariables.Select(v => v.TrimStart('$')), StringComparer.OrdinalIgnoreCase),
            BacktrackingTimeout = TimeSpan.FromMilliseconds(Math.Max(1, options.DialPlan.PatternTimeoutMilliseconds)),
            AllowBacktracking = template.AllowBacktracking,
            MaxPatternLength = template.MaxPatternLength,
            UnregisteredUserStatus = template.UnregisteredUserStatus,
            AllBusyStatus = template.AllBusyStatus,
            BlockStateStore = template.BlockStateStore,
            HostResolver = template.HostResolver,
            TimeProvider = template.TimeProvider,
            Functions = template.Functions,
            Plugins = template.Plugins,
            States = template.States,
        };
    }

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
