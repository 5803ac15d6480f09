using AlwaysConnected.Routing.Ars.Plugins;
using AlwaysConnected.Routing.Patterns;

namespace AlwaysConnected.Routing.Ars.Compilation;

/// <summary>A plug-in slot resolved at load time.</summary>
internal sealed class CompiledSlot
{
    /// <param name="slot">The slot number.</param>
    /// <param name="plugin">The plug-in.</param>
    /// <param name="param">The parameter template.</param>
    /// <param name="returnPattern">The pattern the result must match, or null for any non-null result.</param>
    /// <param name="firstGroup">The 0-based index of this slot's first <c>&amp;p</c> group in the cumulative numbering.</param>
    /// <param name="label">The slot as the trace shows it.</param>
    public CompiledSlot(int slot, ArsPlugin plugin, ValueTemplate param, CompiledPattern? returnPattern, int firstGroup, string label)
    {
        Slot = slot;
        Plugin = plugin;
        Param = param;
        Return = returnPattern;
        FirstGroup = firstGroup;
        Label = label;
        GroupCount = returnPattern?.GroupCount ?? 0;
        ExactReturn = returnPattern is { IsExactLiteral: true } ? returnPattern.AnchoredLiteralPrefix.ToArray() : null;

        // The built-ins with a constant Param do their per-call parsing (trim, '&', UTF-8 to UTF-16) here, once.
        if (plugin is AsyncArsPlugin)
        {
            Kind = CompiledSlotKind.Async;
        }
        else if (plugin is SipHeaderPlugin && param.LiteralBytes is { } header && SipHeaderPlugin.HeaderNameOf(header) is { Length: > 0 } name)
        {
            Kind = CompiledSlotKind.Header;
            HeaderName = name.ToArray();
            HeaderId = Sip.SipHeaderNameLookup.GetId(name);
        }
        else if (plugin is PropertyPlugin && param.LiteralBytes is { } property && PropertyPlugin.PropertyNameOf(property) is { } propertyName)
        {
            Kind = CompiledSlotKind.Property;
            PropertyName = string.Intern(propertyName);
        }
    }

    public int Slot { get; }

    public ArsPlugin Plugin { get; }

    public ValueTemplate Param { get; }

    public CompiledPattern? Return { get; }

    public int FirstGroup { get; }

    public string Label { get; }

    public int GroupCount { get; }

    /// <summary>
    /// The one value the Return pattern accepts when it is an exact literal (<c>^pin$</c>): the result is
    /// then compared, not matched. Null otherwise.
    /// </summary>
    public byte[]? ExactReturn { get; }

    /// <summary>How the evaluator runs the slot.</summary>
    public CompiledSlotKind Kind { get; }

    /// <summary>For <see cref="CompiledSlotKind.Header"/>: the header name as the plug-in would look it up.</summary>
    public byte[]? HeaderName { get; }

    /// <summary>For <see cref="CompiledSlotKind.Header"/>: the known-header id of <see cref="HeaderName"/>, looked up once here rather than per call.</summary>
    public Sip.SipHeaderId HeaderId { get; }

    /// <summary>For <see cref="CompiledSlotKind.Property"/>: the property name, interned so the bag usually finds it by reference.</summary>
    public string? PropertyName { get; }
}
