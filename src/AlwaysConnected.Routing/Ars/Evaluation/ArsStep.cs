namespace AlwaysConnected.Routing.Ars.Evaluation;

/// <summary>Where an evaluation stands when the evaluator returns.</summary>
internal enum ArsStep
{
    /// <summary>No block was selected (the decision says NoMatch, or Reject when every match was busy).</summary>
    NotSelected,

    /// <summary>A block was selected and deployed.</summary>
    Selected,

    /// <summary>The walk waits for an async plug-in slot (<see cref="ArsSelection.PendingBlock"/>); only when pending was allowed.</summary>
    Pending,
}
