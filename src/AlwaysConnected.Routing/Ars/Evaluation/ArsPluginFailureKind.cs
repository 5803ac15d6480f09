namespace AlwaysConnected.Routing.Ars.Evaluation;

/// <summary>How a plug-in failed.</summary>
internal enum ArsPluginFailureKind
{
    /// <summary>The plug-in threw an exception.</summary>
    Threw,

    /// <summary>An asynchronous plug-in did not answer within its timeout.</summary>
    TimedOut,
}
