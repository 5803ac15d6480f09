using System.Buffers;
using System.Text;

namespace AlwaysConnected.Routing.Ars.Plugins;

/// <summary>
/// The built-in <c>prop</c> plug-in: Param names a per-call property (written without <c>&amp;</c>, e.g.
/// <c>action.type</c>); the result is its value, null when it is unset or the host keeps no properties.
/// </summary>
internal sealed class PropertyPlugin : ArsPlugin
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
        if (call.Properties is null || !TryGetName(call.Param, out var name))
        {
            return false;
        }

        // A UTF-8 name never needs more UTF-16 units than it has bytes; sized to the name, not the limit, so
        // the stack buffer costs only what the name needs.
        Span<char> chars = stackalloc char[name.Length];
        if (!Encoding.UTF8.TryGetChars(name, chars, out var count) || !call.Properties.TryGetValue(chars[..count], out var value))
        {
            return false;
        }

        result.Write(value);
        return true;
    }

    /// <summary>The property name a Param names (blanks and a leading <c>&amp;</c> removed); null when it names none.</summary>
    internal static string? PropertyNameOf(ReadOnlySpan<byte> param)
    {
        if (!TryGetName(param, out var name))
        {
            return null;
        }

        Span<char> chars = stackalloc char[name.Length];
        return Encoding.UTF8.TryGetChars(name, chars, out var count) ? new string(chars[..count]) : null;
    }

    private static bool TryGetName(ReadOnlySpan<byte> param, out ReadOnlySpan<byte> name)
    {
        name = param.Trim(" \t"u8);

        // A leading & is tolerated: authors write properties with it everywhere else.
        if (!name.IsEmpty && name[0] == (byte)'&')
        {
            name = name[1..];
        }

        return !name.IsEmpty && name.Length <= MaxNameLength;
    }
}
