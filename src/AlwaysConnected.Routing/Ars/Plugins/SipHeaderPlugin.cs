using System.Buffers;

namespace AlwaysConnected.Routing.Ars.Plugins;

/// <summary>
/// The built-in <c>sipheader</c> plug-in: Param names a header; the result is the value of its first
/// occurrence, null when the request does not have it. The first occurrence is what every stage reads,
/// so a duplicated header cannot make two stages disagree (semantics §6).
/// </summary>
internal sealed class SipHeaderPlugin : ArsPlugin
{
    /// <summary>The plug-in's name.</summary>
    public const string PluginName = "sipheader";

    /// <summary>Creates the plug-in.</summary>
    public SipHeaderPlugin()
        : base(PluginName)
    {
    }

    /// <inheritdoc />
    public override bool TryInvoke(scoped in ArsPluginCall call, IBufferWriter<byte> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var name = HeaderNameOf(call.Param);
        if (name.IsEmpty || !call.Message.TryGetHeader(name, out var header))
        {
            return false;
        }

        result.Write(call.Message.GetValue(header));
        return true;
    }

    /// <summary>The header name a Param names: the Param without surrounding blanks.</summary>
    internal static ReadOnlySpan<byte> HeaderNameOf(ReadOnlySpan<byte> param) => param.Trim(" \t"u8);
}
