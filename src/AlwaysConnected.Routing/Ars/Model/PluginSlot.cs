namespace AlwaysConnected.Routing.Ars;

/// <summary>
/// One plug-in condition of a pattern block (<c>Plugin N</c>, <c>Param N</c>, <c>Return N</c>): the plug-in is
/// called with the parameter and its result must match the Return pattern.
/// </summary>
public sealed record PluginSlot
{
    private readonly int _slot;
    private readonly string _plugin = "";
    private readonly string? _param;
    private readonly string? _return;

    /// <summary>Creates a plug-in slot.</summary>
    /// <param name="slot">The slot number as written (<c>Plugin 1</c> is slot 1).</param>
    /// <param name="plugin">The plug-in name, e.g. <c>sipheader</c> or <c>prop</c>.</param>
    /// <param name="param">The parameter (references allowed); blank means none.</param>
    /// <param name="returnPattern">The regular expression tested against the result; blank means any non-null result.</param>
    public PluginSlot(int slot, string plugin, string? param = null, string? returnPattern = null)
    {
        Slot = slot;
        Plugin = plugin;
        Param = param;
        Return = returnPattern;
    }

    /// <summary>The slot number, from 1.</summary>
    public int Slot { get => _slot; init => _slot = ArsModelGuard.AtLeast(value, 1, nameof(Slot)); }

    /// <summary>The plug-in name.</summary>
    public string Plugin { get => _plugin; init => _plugin = ArsModelGuard.Required(value, nameof(Plugin)); }

    /// <summary>The parameter passed to the plug-in, or null.</summary>
    public string? Param { get => _param; init => _param = ArsModelGuard.Optional(value, nameof(Param)); }

    /// <summary>The regular expression the result must match, or null for "any non-null result".</summary>
    public string? Return { get => _return; init => _return = ArsModelGuard.Optional(value, nameof(Return)); }
}
