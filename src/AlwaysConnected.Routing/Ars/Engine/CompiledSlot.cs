using AlwaysConnected.Routing.Ars.Plugins;
using AlwaysConnected.Routing.Patterns;

namespace AlwaysConnected.Routing.Ars.Engine;

/// <summary>A plug-in slot resolved at load time.</summary>
/// <param name="Slot">The slot number.</param>
/// <param name="Plugin">The plug-in.</param>
/// <param name="Param">The parameter template.</param>
/// <param name="Return">The pattern the result must match, or null for any non-null result.</param>
/// <param name="FirstGroup">The 0-based index of this slot's first <c>&amp;p</c> group in the cumulative numbering.</param>
/// <param name="Label">The slot as the trace shows it.</param>
internal sealed record CompiledSlot(int Slot, ArsPlugin Plugin, ValueTemplate Param, CompiledPattern? Return, int FirstGroup, string Label)
{
    public int GroupCount => Return?.GroupCount ?? 0;
}
