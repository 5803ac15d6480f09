namespace AlwaysConnected.Routing.Ars.Evaluation;

/// <summary>The result of testing one block's conditions.</summary>
internal enum BlockMatch
{
    NoMatch,
    Match,

    /// <summary>An async plug-in slot must be awaited before the block can be decided.</summary>
    Pending,
}
