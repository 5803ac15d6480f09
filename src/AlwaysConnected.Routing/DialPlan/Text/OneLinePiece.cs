namespace AlwaysConnected.Routing.DialPlan.Text;

/// <summary>
/// A piece of a one-line rule: either a bracketed header (<see cref="Header"/> set) or one
/// <c>NAME = VALUE</c> entry spanning <see cref="Start"/> to <see cref="End"/> (untrimmed).
/// </summary>
/// <param name="Start">Index of the first character of the piece.</param>
/// <param name="End">Index just after the piece.</param>
/// <param name="Header">The header, when the piece is one.</param>
internal readonly record struct OneLinePiece(int Start, int End, SectionHeader? Header);
