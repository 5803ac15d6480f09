namespace AlwaysConnected.Routing.Patterns;

/// <summary>The result of one match attempt before negation is applied.</summary>
internal enum MatchOutcome
{
    NoMatch,
    Match,

    /// <summary>The backtracking engine gave up; the pattern line does not hold, negated or not.</summary>
    TimedOut,
}
