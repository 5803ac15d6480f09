using System.Buffers;

namespace AlwaysConnected.Routing.Ars.Plugins;

/// <summary>
/// A function an ARS block calls in a plug-in slot (<c>Plugin N</c>): it receives the slot's parameter and the
/// call, and returns a value the slot's <c>Return</c> pattern is tested against, or null (a mismatch).
/// </summary>
/// <remarks>
/// This is the synchronous fast path: it runs on the routing thread and must not block. A plug-in that
/// needs I/O derives from <see cref="AsyncArsPlugin"/>, which bounds the wait with a timeout. Instances are
/// shared by every routing thread and must be thread-safe. An exception is caught by the engine, reported
/// with route and slot, and counts as a mismatch.
/// </remarks>
public abstract class ArsPlugin
{
    /// <summary>Creates a plug-in.</summary>
    /// <param name="name">The name a block's <c>Plugin N</c> field uses; matched case-insensitively.</param>
    protected ArsPlugin(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
    }

    /// <summary>The name a block's <c>Plugin N</c> field uses.</summary>
    public string Name { get; }

    /// <summary>Computes the plug-in's value for one call.</summary>
    /// <param name="call">The call and the slot's expanded parameter.</param>
    /// <param name="result">Where to write the UTF-8 result; whatever is written is discarded when the method returns false.</param>
    /// <returns>False for a null result (the block does not match).</returns>
    public abstract bool TryInvoke(scoped in ArsPluginCall call, IBufferWriter<byte> result);
}
