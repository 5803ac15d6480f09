namespace AlwaysConnected.Routing.Cli.Validation;

/// <summary>How serious a finding is.</summary>
internal enum FindingSeverity
{
    /// <summary>A note (which engine a pattern runs on); shown with <c>--verbose</c>.</summary>
    Info,

    /// <summary>The rules run, but probably not as meant.</summary>
    Warning,

    /// <summary>The rules cannot be loaded.</summary>
    Error,
}
