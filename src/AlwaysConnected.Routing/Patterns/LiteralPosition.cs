namespace AlwaysConnected.Routing.Patterns;

/// <summary>Where a literal must occur in the value.</summary>
internal enum LiteralPosition
{
    Anywhere,
    Start,
    End,
    Whole,
}
