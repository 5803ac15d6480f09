using System.Buffers;
using System.Text;

namespace AlwaysConnected.Routing.Ars.Plugins;

/// <summary>
/// The built-in <c>prop</c> plug-in: Param names a per-call property (written without <c>&amp;</c>, e.g.
/// <c>action.type</c>); the result is its value, null when it is unset or the host keeps no properties.
/// </summary>
public sealed class PropertyPlugin : ArsPlugin
{
    /// <summary>The plug-in's name.</summary>
    public const string PluginName = "prop";

    private const int MaxNameLength = 256;

    /// <summary>Creates the plug-in.</summary>
    public PropertyPlugin()
        : base(PluginName)
    {
    }

    /// <inheritdoc />
    public override bool TryInvoke(scoped in ArsPluginCall call, IBufferWriter<byte> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var name = call.Param.Trim(" \t"u8);

        // A leading & is tolerated: authors write properties with it everywhere else.
        if (!name.IsEmpty && name[0] == (byte)'&')
        {
            name = name[1..];
        }

        if (call.Properties is null || name.IsEmpty || name.Length > MaxNameLength)
        {
            return false;
        }

        Span<char> chars = stackalloc char[MaxNameLength];
        if (!Encoding.UTF8.TryGetChars(name, chars, out var count) || !call.Properties.TryGetValue(chars[..count], out var value))
        {
            return false;
        }

        result.Write(value);
        return true;
    }
}
