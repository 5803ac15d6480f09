using System.Diagnostics.CodeAnalysis;

namespace AlwaysConnected.Routing.Ars.Plugins;

/// <summary>
/// The plug-ins ARS blocks may name, by name (case-insensitive). A new registry holds the built-ins
/// <c>sipheader</c> and <c>prop</c>; a host adds its own before compiling. Compilation resolves every
/// name once, so the registry is not consulted while routing.
/// </summary>
internal sealed class ArsPluginRegistry
{
    private readonly Dictionary<string, ArsPlugin> _plugins = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a registry holding the built-in plug-ins.</summary>
    public ArsPluginRegistry()
    {
        Register(new SipHeaderPlugin());
        Register(new PropertyPlugin());
    }

    private ArsPluginRegistry(Dictionary<string, ArsPlugin> plugins) => _plugins = plugins;

    /// <summary>A copy, so that additions to it leave this registry as it is.</summary>
    internal ArsPluginRegistry Copy() => new(new Dictionary<string, ArsPlugin>(_plugins, StringComparer.OrdinalIgnoreCase));

    /// <summary>The registered names.</summary>
    public IEnumerable<string> Names => _plugins.Keys;

    /// <summary>Adds a plug-in, replacing one registered under the same name (a built-in too).</summary>
    /// <param name="plugin">The plug-in.</param>
    /// <returns>This registry.</returns>
    public ArsPluginRegistry Register(ArsPlugin plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        _plugins[plugin.Name] = plugin;
        return this;
    }

    /// <summary>Finds a plug-in.</summary>
    /// <param name="name">The name as a block writes it.</param>
    /// <param name="plugin">The plug-in, or null.</param>
    /// <returns>True when a plug-in is registered under the name.</returns>
    public bool TryGet(string name, [NotNullWhen(true)] out ArsPlugin? plugin)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _plugins.TryGetValue(name.Trim(), out plugin);
    }
}
